import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDINGS_INDEX, SUPPORT_MATRIX, findingsIndex, supportMatrix } from './helpers/generated-docs.js';

// Generated docs stay in step with the catalog and mappings/. `npm run docs:update` rewrites them.
const UPDATE = process.env.UPDATE_DOCS === '1';

describe('generated docs', () => {
  it('docs/findings/README.md lists every finding id', () => {
    const current = readFileSync(FINDINGS_INDEX, 'utf8');
    const want = findingsIndex(current);
    if (UPDATE) writeFileSync(FINDINGS_INDEX, want);
    else expect(current).toBe(want);
  });

  it('docs/support-matrix.md matches mappings/', () => {
    const want = supportMatrix();
    if (UPDATE) writeFileSync(SUPPORT_MATRIX, want);
    else expect(existsSync(SUPPORT_MATRIX) ? readFileSync(SUPPORT_MATRIX, 'utf8') : '').toBe(want);
  });
});
