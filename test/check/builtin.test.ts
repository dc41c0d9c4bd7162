import { describe, expect, it } from 'vitest';
import { isBeyondCrd, validateOutput } from '../../src/check/builtin/validate.js';
import { outputFindings, validateManifests } from '../../src/check/manifests.js';
import { CHANNELS } from '../../src/target.js';
import { BEYOND_CRD, NULL_FIELD, RELEASES, target, TRICKY } from './tricky.js';

const crdRules = (o: Record<string, unknown>, t: ReturnType<typeof target>) =>
  validateOutput([o], t).filter((v) => !isBeyondCrd(v));

describe('built-in validator: tricky objects on every target', () => {
  for (const c of TRICKY) {
    it(c.name, () => {
      for (const r of RELEASES) {
        for (const ch of CHANNELS) {
          const t = target(r, ch);
          const vs = crdRules(c.object, t);
          expect({
            target: `${r} ${ch}`,
            valid: vs.length === 0,
            why: vs.map((v) => v.message),
          }).toMatchObject({ valid: c.valid(t) });
        }
      }
    });
  }
});

describe('built-in validator: rules no CRD checks', () => {
  for (const c of BEYOND_CRD) {
    it(c.name, () => {
      const vs = validateOutput([c.object], target('v1.6', 'standard'));
      expect(vs.map((v) => v.rule)).toEqual([c.rule]);
    });
  }
});

describe('built-in validator: scope', () => {
  it('skips kinds that are not Gateway API', () => {
    expect(
      validateOutput(
        [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'Not_Checked' } }],
        target('v1.6', 'standard'),
      ),
    ).toEqual([]);
  });
  it('rejects a kind the release does not serve', () => {
    const vs = validateOutput(
      [TRICKY.find((c) => c.name === 'TCPRoute v1')!.object],
      target('v1.5', 'standard'),
    );
    expect(vs).toMatchObject([{ origin: 'served', path: ['apiVersion'] }]);
  });
  it('drops null fields as the API server does', () => {
    expect(validateOutput([NULL_FIELD], target('v1.6', 'standard'))).toEqual([]);
  });
  it('does not change the objects it checks (defaults are applied to a copy)', () => {
    const o = structuredClone(TRICKY[13]!.object);
    validateOutput([o], target('v1.6', 'standard'));
    expect(o).toEqual(TRICKY[13]!.object);
  });
});

describe('findings', () => {
  it('validateManifests points at the offending field', () => {
    const text = [
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: Gateway',
      'metadata:',
      '  name: gw',
      'spec:',
      '  gatewayClassName: istio',
      '  listeners:',
      '  - name: https',
      '    protocol: HTTPS',
      '    port: 443',
      '    tls:',
      '      mode: Passthrough',
      '',
    ].join('\n');
    const fs = validateManifests([{ file: 'gw.yaml', text }], {
      target: target('v1.6', 'standard'),
    });
    expect(fs).toMatchObject([
      {
        id: 'invalid-manifest',
        severity: 'error',
        source: { file: 'gw.yaml', line: 7, path: 'spec.listeners' },
      },
    ]);
  });
  it('outputFindings names the generated object', () => {
    const fs = outputFindings([BEYOND_CRD[0]!.object as never], target('v1.6', 'standard'));
    expect(fs).toMatchObject([
      {
        id: 'invalid-output',
        severity: 'error',
        target: { kind: 'HTTPRoute', name: 'r', namespace: 'ns', path: 'spec.hostnames[0]' },
      },
    ]);
  });
});
