import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/index.js';
import { loadCrds, validateOutput, validateWithCrds } from '../../src/check/index.js';
import { CHANNELS, GATEWAY_API_RELEASES, type GatewayApiRelease } from '../../src/target.js';
import { listSamples } from '../helpers/samples.js';
import { HAS_SHARED, SHARED, listFiles } from '../helpers/shared.js';

const CRD_DIRS: Record<GatewayApiRelease, string> = {
  'v1.2': 'v1.2.1',
  'v1.3': 'v1.3.0',
  'v1.4': 'v1.4.1',
  'v1.5': 'v1.5.1',
  'v1.6': 'v1.6.1',
};

// Every sample and every conversion of the corpus, for every release × channel, must pass the
// CRD-driven validator with zero violations and zero unchecked rules, and the built-in
// validator must agree.
describe.skipIf(!HAS_SHARED)('converted output is accepted by the upstream CRDs', () => {
  const corpus = listFiles(join(SHARED, 'corpus')).map((f) => ({
    file: relative(SHARED, f),
    text: readFileSync(f, 'utf8'),
  }));
  const samples = listSamples();
  for (const gatewayApi of GATEWAY_API_RELEASES) {
    for (const channel of CHANNELS) {
      it(`${gatewayApi} ${channel}`, () => {
        const crds = loadCrds(join(SHARED, 'crds/gateway-api', CRD_DIRS[gatewayApi], channel));
        const objects = [
          ...corpus.flatMap((f) => convert([f], { gatewayApi, channel }).resources),
          ...samples.flatMap(
            (s) =>
              convert([{ file: 'input.yaml', text: s.input }], {
                ...s.options,
                gatewayApi,
                channel,
              }).resources,
          ),
        ].filter((o) => o.apiVersion.startsWith('gateway.networking.k8s.io/'));
        expect(objects.length).toBeGreaterThan(100);
        const r = validateWithCrds(objects, crds);
        const show = (v: {
          object: { kind: string; name: string };
          path: readonly (string | number)[];
          message: string;
        }) => `${v.object.kind} ${v.object.name} ${v.path.join('.')}: ${v.message}`;
        expect(r.violations.map(show)).toEqual([]);
        expect(r.unchecked.map((u) => u.rule)).toEqual([]);
        expect(
          validateOutput(objects, { gatewayApi, channel, istio: '1.31' }).map(
            (v) => `${v.object.kind} ${v.object.name} ${v.message}`,
          ),
        ).toEqual([]);
      });
    }
  }
});
