import type { FindingMeta } from './finding.js';
import { READ_FINDINGS } from '../parse/findings.js';
import { CONVERT_FINDINGS } from '../map/findings.js';
import { CLI_FINDINGS } from '../cli/findings.js';
import { CODEMOD_FINDINGS } from '../codemod/findings.js';

// Every finding id the tool can raise. Each module that raises findings declares its own
// list; docs/findings/<id>.md documents each (test/findings-docs.test.ts keeps them in step).
const ALL: readonly FindingMeta[] = [...READ_FINDINGS, ...CONVERT_FINDINGS, ...CLI_FINDINGS, ...CODEMOD_FINDINGS];

export const CATALOG: ReadonlyMap<string, FindingMeta> = new Map(ALL.map((m) => [m.id, m]));

export function findingMeta(id: string): FindingMeta {
  const meta = CATALOG.get(id);
  if (!meta) throw new Error(`finding id '${id}' is not in the catalog`);
  return meta;
}
