import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FINDING_IDS_FILE,
  FINDINGS_INDEX,
  SUPPORT_MATRIX,
  findingIdsModule,
  findingsIndex,
  supportMatrix,
} from './helpers/generated-docs.js';

// Generated docs stay in step with the catalog and mappings/. `npm run docs:update` rewrites them.
const UPDATE = process.env.UPDATE_DOCS === '1';

describe('generated docs', () => {
  it('docs/findings/README.md lists every finding id', () => {
    const current = readFileSync(FINDINGS_INDEX, 'utf8');
    const want = findingsIndex(current);
    if (UPDATE) writeFileSync(FINDINGS_INDEX, want);
    else expect(current).toBe(want);
  });

  it('src/findings/ids.gen.ts lists every finding id (the public FindingId union)', () => {
    const want = findingIdsModule();
    if (UPDATE) writeFileSync(FINDING_IDS_FILE, want);
    else
      expect(existsSync(FINDING_IDS_FILE) ? readFileSync(FINDING_IDS_FILE, 'utf8') : '').toBe(want);
  });

  it('docs/support-matrix.md matches mappings/', () => {
    const want = supportMatrix();
    if (UPDATE) writeFileSync(SUPPORT_MATRIX, want);
    else expect(existsSync(SUPPORT_MATRIX) ? readFileSync(SUPPORT_MATRIX, 'utf8') : '').toBe(want);
  });
});
