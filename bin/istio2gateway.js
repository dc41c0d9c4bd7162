#!/usr/bin/env node
import module from 'node:module';

// Node's on-disk compile cache (Node >= 22.1) halves start-up after the first run.
module.enableCompileCache?.();
const { main } = await import('../dist/cli/main.js');

// A reader that stops early (`istio2gateway --help | head`) closes the pipe: stop quietly, as
// Unix tools do, instead of dying of an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  stderrIsTTY: Boolean(process.stderr.isTTY),
});
process.exitCode = code;
