import { it } from 'vitest';

// `npm run samples:update` runs this file with UPDATE_SAMPLES=1; in a normal run it does nothing.
it.runIf(process.env.UPDATE_SAMPLES === '1')('update samples', async () => {
  await import('./update-samples.js');
});
