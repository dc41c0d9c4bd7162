// The command line: builds the program from one module per command and runs it. Each command
// loads what it needs when it runs, so `--version` and `--help` stay fast.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { escapeControl } from '../emit/escape.js';
import { registerCodemod } from './codemod-command.js';
import { type CliIO, HELP_HINT, type SetExit, UsageError, withExamples } from './common.js';
import { registerConvert } from './convert-command.js';
import { registerCompletion } from './completion-command.js';
import { applyConfig, configPath } from './config.js';
import { registerDiff } from './diff-command.js';
import { addValidateCommand } from './validate-command.js';
import { registerVerify } from './verify-command.js';

export type { CliIO, FailOn } from './common.js';
export { exitCodeFor, FAIL_ON, UsageError } from './common.js';
export { VERSION };

export function buildProgram(io: CliIO, setExit: SetExit): Command {
  const program = new Command('istio2gateway')
    .description(
      'Migrate Istio networking config to the Kubernetes Gateway API, with no silent behaviour ' +
        'change.',
    )
    .version(VERSION)
    .showHelpAfterError(HELP_HINT)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .hook('preAction', (_, command) => {
      const explicit = command.getOptionValue('config') as string | undefined;
      const cwd = io.cwd ?? process.cwd();
      const file = configPath(explicit, cwd);
      if (file && command.options.some((o) => o.long === '--config')) {
        applyConfig(program, command, file, cwd);
      }
    });
  registerConvert(program, io, setExit);
  registerDiff(program, io, setExit);
  registerCodemod(program, io, setExit);
  registerVerify(program, io, setExit);
  addValidateCommand(program, io, setExit);
  registerCompletion(program, io);
  return withExamples(program, [
    'istio2gateway convert k8s/ --out-dir converted/',
    'istio2gateway diff k8s/ -o markdown --output-file comment.md',
    'istio2gateway verify k8s/',
    'kubectl istio2gateway convert -   # as a kubectl plugin',
  ]);
}

function internalError(e: unknown, io: CliIO): number {
  const debug = Boolean(io.env.ISTIO2GATEWAY_DEBUG);
  const how = debug ? '' : ' (set ISTIO2GATEWAY_DEBUG=1 for the stack trace)';
  io.stderr.write(
    `internal error: ${escapeControl((e as Error).message)}\n` +
      `This is a bug in istio2gateway; please report it with the input that caused it${how}.\n`,
  );
  if (debug) io.stderr.write(`${(e as Error).stack ?? ''}\n`);
  return 70;
}

/** Runs the CLI; returns the exit code. Never throws, never prints a stack trace. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return quiet.includes(e.code) ? 0 : 2;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`error: ${escapeControl(e.message)}\n`);
      return 2;
    }
    return internalError(e, io);
  }
}
