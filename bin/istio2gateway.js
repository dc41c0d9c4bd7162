#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import module from 'node:module';

// Node's on-disk compile cache (Node >= 22.1) halves start-up after the first run.
module.enableCompileCache?.();
const { main } = await import('../dist/cli/main.js');

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: () => readFileSync(0, 'utf8'),
  env: process.env,
  stderrIsTTY: Boolean(process.stderr.isTTY),
});
process.exitCode = code;
