import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';
import { formatCounts, validationCounts } from '../../scripts/validation-counts.js';

// Prints the counts table only when asked: `npm run validation:counts`.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/crds/gateway-api');

it.skipIf(!process.env.VALIDATION_COUNTS || !existsSync(ROOT))(
  'prints validation counts per target',
  () => {
    process.stdout.write(`${formatCounts(validationCounts(ROOT))}\n`);
  },
);
