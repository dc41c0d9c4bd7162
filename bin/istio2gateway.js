#!/usr/bin/env node
import module from 'node:module';

// Node's on-disk compile cache (Node >= 22.1) halves start-up after the first run.
module.enableCompileCache?.();
const { main } = await import('../dist/cli/main.js');

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  stderrIsTTY: Boolean(process.stderr.isTTY),
});
process.exitCode = code;
