import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifests } from '../src/check/index.js';
import { DEFAULT_TARGET, type Target } from '../src/target.js';
import { describeOutcome, verify, type VerifyResult } from '../src/verify/index.js';
import { loadManifests } from '../src/verify/load.js';
import type { K8sObject } from '../src/gateway-api/types.js';
import { listSamples, runSample, type Sample } from './helpers/samples.js';

// istio.io pages that show one task twice, as an "Istio APIs" tab and a "Gateway API" tab:
// samples/istio-io-<page>/ holds our re-typed Istio half (input.yaml, converted like any sample)
// and our re-typed Gateway API half (docs-gateway-api.yaml). README.md there compares the two
// field by field and says what was renamed so that both halves name the same Gateways and
// Services. Here both Gateway API configurations — the docs' half and our conversion — are
// replayed against the Istio half by verify: every probe request whose outcome differs from
// Istio classic must differ in the same way for both (the docs' prefix paths change the same
// requests as ours), and no other request may change for either. The Gateways must also have
// the same listeners (port, protocol, hostname) with the same TLS mode, options and certificates.

const PAIRS = listSamples().filter((s) => s.name.startsWith('istio-io-'));
const DOCS = 'docs-gateway-api.yaml';

function changeKeys(r: VerifyResult): string[] {
  return r.changes.map((c) => `${c.requestText} → ${describeOutcome(c.after)}`).sort();
}

interface Listener {
  port: number;
  protocol: string;
  hostname?: string;
  tls?: { mode?: string; options?: Record<string, string>; certificateRefs?: { name: string }[] };
}

/** Every Gateway listener by port, protocol and hostname, with what its TLS does. */
function listeners(objects: readonly K8sObject[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of objects) {
    if (o.kind !== 'Gateway') continue;
    for (const l of (o.spec as { listeners: Listener[] }).listeners) {
      const tls = l.tls && {
        mode: l.tls.mode,
        options: l.tls.options,
        certificates: l.tls.certificateRefs?.map((c) => c.name),
      };
      out[`${l.port}/${l.protocol}/${l.hostname ?? '*'}`] = tls ?? null;
    }
  }
  return out;
}

function targetOf(s: Sample): Target {
  const o = s.options;
  return {
    gatewayApi: o.gatewayApi ?? DEFAULT_TARGET.gatewayApi,
    channel: o.channel ?? DEFAULT_TARGET.channel,
    istio: o.istio ?? DEFAULT_TARGET.istio,
  };
}

describe('istio.io page pairs', () => {
  it('has pairs', () => expect(PAIRS.length).toBeGreaterThan(5));
  for (const s of PAIRS) {
    describe(s.name, () => {
      const docsFile = join(s.dir, DOCS);
      it('has the Gateway API half and a README comparing the halves', () => {
        expect(existsSync(docsFile), `${docsFile} is missing`).toBe(true);
        expect(existsSync(join(s.dir, 'README.md'))).toBe(true);
      });
      it('keeps the Gateway API half valid for the target', () => {
        const text = readFileSync(docsFile, 'utf8');
        const bad = validateManifests([{ file: DOCS, text }], { target: targetOf(s) }).filter(
          (f) => f.severity === 'error',
        );
        expect(bad.map((f) => f.message)).toEqual([]);
      });
      it('routes every probe request as the Gateway API half does', () => {
        const docs = loadManifests([{ file: DOCS, text: readFileSync(docsFile, 'utf8') }]);
        expect(docs.findings.map((f) => f.message)).toEqual([]);
        const ours = verify(s.inputs, undefined, s.options);
        const theirs = verify(s.inputs, docs.objects, s.options);
        expect(ours.probes).toBeGreaterThan(0);
        expect(changeKeys(ours)).toEqual(changeKeys(theirs));
        // And no change is silent: a finding of the conversion names each one.
        expect(ours.changes.filter((c) => !c.explainedBy).map((c) => c.requestText)).toEqual([]);
      });
      it('has the listeners of the Gateway API half, with the same TLS', () => {
        const docs = loadManifests([{ file: DOCS, text: readFileSync(docsFile, 'utf8') }]);
        const ours = runSample(s).resources;
        expect(listeners(ours)).toEqual(listeners(docs.objects));
      });
    });
  }
});
