import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isBeyondCrd, isModelled, validateOutput } from '../src/check/builtin/validate.js';
import { loadCrds } from '../src/check/crd/load.js';
import { inventoryRules, validateWithCrds } from '../src/check/crd/validate.js';
import { parseFile } from '../src/parse/documents.js';
import { CHANNELS, type GatewayApiRelease } from '../src/target.js';

// Per target: how many upstream examples the validators checked, rejected and accepted, and
// how many CEL rules could not be evaluated. Run: npm run validation:counts (needs ../shared).

const BUNDLES: readonly [GatewayApiRelease, string][] = [
  ['v1.2', 'v1.2.1'],
  ['v1.3', 'v1.3.0'],
  ['v1.4', 'v1.4.1'],
  ['v1.5', 'v1.5.1'],
  ['v1.6', 'v1.6.1'],
];
const files = (d: string): string[] =>
  statSync(d).isDirectory()
    ? readdirSync(d)
        .sort()
        .flatMap((n) => files(join(d, n)))
    : [d];

export interface CountsRow {
  target: string;
  rules: number;
  transitionRules: number;
  uncheckedRules: number;
  invalidFiles: number;
  invalidRejected: number;
  validObjects: number;
  validAccepted: number;
  builtinCompared: number;
  builtinDisagreements: number;
}

export function validationCounts(root: string): CountsRow[] {
  const rows: CountsRow[] = [];
  for (const [release, bundle] of BUNDLES) {
    for (const channel of CHANNELS) {
      const crds = loadCrds(join(root, bundle, channel));
      const inv = inventoryRules(crds);
      const row: CountsRow = {
        target: `${release} ${channel}`,
        rules: inv.length,
        transitionRules: inv.filter((r) => r.status === 'transition').length,
        uncheckedRules: inv.filter((r) => r.status === 'unchecked').length,
        invalidFiles: 0,
        invalidRejected: 0,
        validObjects: 0,
        validAccepted: 0,
        builtinCompared: 0,
        builtinDisagreements: 0,
      };
      const compare = (
        objs: Record<string, unknown>[],
        res: ReturnType<typeof validateWithCrds>,
      ): void => {
        const b = validateOutput(objs, { gatewayApi: release, channel, istio: '1.31' }).filter(
          (v) => !isBeyondCrd(v),
        );
        objs.forEach((o, i) => {
          if (!isModelled(o)) return;
          row.builtinCompared++;
          if (
            res.violations.some((v) => v.object.index === i) !== b.some((v) => v.object.index === i)
          )
            row.builtinDisagreements++;
        });
      };
      for (const f of files(join(root, 'invalid-examples', channel))) {
        const objs = parseFile({ file: f, text: readFileSync(f, 'utf8') }).objects.map(
          (o) => o.data,
        );
        const res = validateWithCrds(objs, crds);
        row.invalidFiles++;
        if (res.violations.length > 0) row.invalidRejected++;
        row.uncheckedRules += res.unchecked.length;
        compare(objs, res);
      }
      for (const f of files(join(root, 'valid-examples', channel))) {
        const objs = parseFile({ file: f, text: readFileSync(f, 'utf8') }).objects.map(
          (o) => o.data,
        );
        const res = validateWithCrds(objs, crds);
        row.validObjects += res.checked.length;
        row.validAccepted += res.checked.filter(
          (i) => !res.violations.some((v) => v.object.index === i),
        ).length;
        row.uncheckedRules += res.unchecked.length;
        compare(objs, res);
      }
      rows.push(row);
    }
  }
  return rows;
}

export function formatCounts(rows: readonly CountsRow[]): string {
  const head =
    '| target | CEL rules (transition) | unchecked | invalid examples rejected | valid example objects accepted | built-in disagreements |';
  const sep = '|---|---|---|---|---|---|';
  const lines = rows.map(
    (r) =>
      `| ${r.target} | ${r.rules} (${r.transitionRules}) | ${r.uncheckedRules} | ${r.invalidRejected}/${r.invalidFiles} | ${r.validAccepted}/${r.validObjects} | ${r.builtinDisagreements}/${r.builtinCompared} |`,
  );
  return [head, sep, ...lines].join('\n');
}
