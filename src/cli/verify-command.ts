// `istio2gateway verify`: replays probe requests through the classic and the Gateway API models
// and prints every request whose outcome changes, with the finding that explains it.
import { type Command, Option } from 'commander';
import { CATALOG } from '../findings/catalog.js';
import type { Finding } from '../findings/finding.js';
import type { Change, VerifyResult } from '../verify/verify.js';
import type { Outcome } from '../routing/request.js';
import { escapeControl } from '../emit/escape.js';
import {
  type CliIO,
  type ConversionFlags,
  HELP_HINT,
  progressReporter,
  resolveOptions,
  type SetExit,
  stdinFor,
  targetOptions,
  withExamples,
} from './common.js';

interface VerifyFlags extends ConversionFlags {
  converted?: string;
  maxProbes: string;
  limit: string;
  output: 'text' | 'json';
  /** The old spelling of --output, still accepted. */
  format?: 'text' | 'json';
}

const unreadable = (fs: readonly Finding[]) => fs.filter((f) => CATALOG.get(f.id)?.unreadable);

function where(f: Finding): string {
  const s = f.source;
  if (!s || !s.file) return s?.kind ? `${s.kind} ${s.namespace}/${s.name}` : '';
  return `${s.file}:${s.line}:${s.column}${s.path ? ` ${s.path}` : ''}`;
}

/** One line per change: `request → before → after`, then what explains it. */
export function formatChange(c: Change, describeOutcome: (o: Outcome) => string): string {
  const tag = c.explainedBy ? 'explained  ' : 'UNEXPLAINED';
  const by = c.explainedBy
    ? `  by ${c.explainedBy.id}${where(c.explainedBy) ? ` at ${where(c.explainedBy)}` : ''}`
    : '';
  const text = (o: Change['before']) => describeOutcome(o).replace(/^→ /, '');
  // Hosts, paths and headers of probes come from the manifests: escaped for the terminal.
  const line = `${tag} ${c.requestText} → ${text(c.before)} → ${text(c.after)}  (differs: ${c.differences.join(', ')})${by}`;
  return `${escapeControl(line)}\n`;
}

/** What was sampled, when --max-probes did not let every candidate request be replayed. */
function sampledNote(r: VerifyResult): string {
  const { batches, candidates, sampledBatches } = r.sampling;
  if (!r.truncated) return '';
  const n = (x: number) => x.toLocaleString('en-US');
  return ` (sampled: --max-probes allowed ${n(r.probes)} of up to ${n(candidates)} candidate requests; ${n(sampledBatches)} of ${n(batches)} entry-point hosts were probed with an even sample of their paths and request variants, the others in full)`;
}

async function runVerify(paths: string[], flags: VerifyFlags, io: CliIO): Promise<number> {
  if (paths.length === 0) {
    io.stderr.write('error: no input: name files or directories, or `-` for standard input\n');
    return 2;
  }
  // The same options as convert (resolveOptions): verify must check the conversion the user asked for.
  const options = await resolveOptions(flags);
  const [
    { readInputs },
    { readInput },
    { loadManifests },
    { describeOutcome },
    { verify },
    { append },
  ] = await Promise.all([
    import('../read/files.js'),
    import('../convert.js'),
    import('../verify/load.js'),
    import('../routing/request.js'),
    import('../verify/verify.js'),
    import('../collections.js'),
  ]);
  const read = readInputs(paths, {
    maxFileBytes: options.maxFileBytes,
    stdin: await stdinFor(paths, io, options.maxFileBytes),
    ignore: flags.ignore,
  });
  let converted;
  // Read once: the same resources serve the check below, the conversion and the classic model.
  const progress = progressReporter(io);
  const input = readInput(read.files, options, progress);
  const problems = [...unreadable(read.findings), ...unreadable(input.findings)];
  if (flags.converted) {
    const out = readInputs([flags.converted], { maxFileBytes: options.maxFileBytes });
    const loaded = loadManifests(out.files, options.namespace);
    append(append(problems, unreadable(out.findings)), unreadable(loaded.findings));
    converted = loaded.objects;
  }
  if (problems.length) {
    for (const f of problems)
      io.stderr.write(`error: ${escapeControl(`${where(f)}: ${f.message}`)}\n`);
    return 2;
  }
  const result = verify(read.files, converted, {
    ...options,
    maxProbes: Number(flags.maxProbes),
    read: input,
    hooks: progress,
  });
  progress.done();
  const unexplained = result.changes.filter((c) => !c.explainedBy);
  if ((flags.format ?? flags.output) === 'json') {
    io.stdout.write(
      `${JSON.stringify({ probes: result.probes, truncated: result.truncated, sampling: result.sampling, unexplained: unexplained.length, changes: result.changes.map((c) => ({ request: c.requestText, before: describeOutcome(c.before), after: describeOutcome(c.after), differences: c.differences, explainedBy: c.explainedBy ? { id: c.explainedBy.id, at: where(c.explainedBy), message: c.explainedBy.message } : null })) }, null, 2)}\n`,
    );
  } else {
    // Unexplained changes first: they are what breaks the promise.
    const ordered = [...unexplained, ...result.changes.filter((c) => c.explainedBy)];
    const limit = Number(flags.limit);
    const shown = limit > 0 ? ordered.slice(0, limit) : ordered;
    for (const c of shown) io.stdout.write(formatChange(c, describeOutcome));
    if (shown.length < ordered.length)
      io.stdout.write(
        `… ${ordered.length - shown.length} more changed request(s); --limit 0 prints all\n`,
      );
  }
  io.stderr.write(
    `${result.probes} probe request(s)${sampledNote(result)}, ${result.changes.length} changed, ${unexplained.length} unexplained\n`,
  );
  return unexplained.length ? 1 : 0;
}

export function registerVerify(program: Command, io: CliIO, setExit: SetExit): void {
  const cmd = targetOptions(
    program
      .command('verify')
      .description(
        'replay probe requests through Istio classic and Gateway API routing; list every request whose outcome changes and the finding that explains it',
      )
      .argument(
        '[paths...]',
        'Istio manifests: files, directories (read recursively) or - for standard input',
      ),
  )
    .option('--converted <dir>', 'check these converted manifests instead of converting the input')
    .option(
      '--max-probes <n>',
      'replay at most this many probe requests in all; hosts with more candidates are sampled evenly',
      '100000',
    )
    .option('--limit <n>', 'print at most this many changed requests (0: all)', '200')
    .addOption(
      new Option('-o, --output <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addOption(new Option('--format <format>').choices(['text', 'json']).hideHelp())
    .showHelpAfterError(HELP_HINT)
    .exitOverride()
    .action(async (paths: string[], flags: VerifyFlags) =>
      setExit(await runVerify(paths, flags, io)),
    );
  withExamples(cmd, [
    'istio2gateway verify k8s/                          # convert, then replay probe requests',
    'istio2gateway verify k8s/ --converted converted/   # check manifests you edited by hand',
    'istio2gateway verify k8s/ -o json --limit 0        # every changed request, as JSON',
  ]);
}
