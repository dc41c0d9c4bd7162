// `istio2gateway convert`: Gateway API manifests on stdout (or --out-dir / --write), findings on
// stderr.
import { type Command, Option } from 'commander';
import type { ConvertResult } from '../convert.js';
import type { Finding } from '../findings/finding.js';
import {
  type CliIO,
  type ConversionFlags,
  exitCodeFor,
  HELP_HINT,
  progressReporter,
  type ReportDetailFlags,
  resolveOptions,
  type SetExit,
  stdinFor,
  shownFindings,
  summaryLines,
  targetOptions,
  UsageError,
  useColor,
  withExamples,
} from './common.js';

interface ConvertFlags extends ConversionFlags, ReportDetailFlags {
  output: 'yaml' | 'json';
  check?: boolean;
  outDir?: string;
  force?: boolean;
  write?: boolean;
  annotate?: boolean;
  reportFormat?: 'text' | 'json';
  reportFile?: string;
}

function checkUsage(paths: string[], flags: ConvertFlags): void {
  if (paths.length === 0) {
    throw new UsageError('no input: name files or directories, or `-` for standard input');
  }
  if (flags.write && flags.outDir) {
    throw new UsageError(
      '--write rewrites the input files and --out-dir writes a new tree: choose one',
    );
  }
  if (flags.write && paths.includes('-')) {
    throw new UsageError('--write rewrites files in place, so it cannot read standard input (-)');
  }
  if (flags.check && (flags.write || flags.outDir)) {
    throw new UsageError('--check only reports what would be converted: drop --write/--out-dir');
  }
  if (flags.annotate && !flags.write) {
    throw new UsageError(
      '--annotate only applies with --write (or `istio2gateway diff --annotate`)',
    );
  }
}

async function runConvert(paths: string[], flags: ConvertFlags, io: CliIO): Promise<number> {
  checkUsage(paths, flags);
  const options = await resolveOptions(flags);
  const [
    { readInputs, outputPathFor, outputPaths },
    { convert },
    { diff },
    { append },
    { compareFindings },
  ] = await Promise.all([
    import('../read/files.js'),
    import('../convert.js'),
    import('../diff.js'),
    import('../collections.js'),
    import('../findings/finding.js'),
  ]);
  const { GENERATED_MARK, sameFile, writeInPlace, writeOutputs } = await import('./write-files.js');
  const { toJson, toYaml } = await import('../emit/manifests.js');
  const { yamlCommentText } = await import('../emit/escape.js');
  const { targetOf } = await import('../options.js');
  const { describeTarget } = await import('../target.js');
  // A rerun must not read back what --out-dir wrote inside an input tree (out/out/… otherwise).
  const skipDirs = flags.outDir ? [flags.outDir] : [];
  const read = readInputs(paths, {
    maxFileBytes: options.maxFileBytes,
    stdin: await stdinFor(paths, io, options.maxFileBytes),
    ignore: flags.ignore,
    skipDirs,
  });
  const report = flags.reportFile;
  const inputs = [...paths, ...read.files.map((f) => f.file)].filter((f) => f !== '-');
  if (report && inputs.some((f) => sameFile(f, report))) {
    throw new UsageError(`--report-file ${report} is an input: choose another file`);
  }
  const findings: Finding[] = [...read.findings];
  let result: ConvertResult;

  if (flags.write) {
    const annotate = Boolean(flags.annotate);
    const changes = diff(read.files, { ...options, annotate }, progressReporter(io));
    result = changes.conversion;
    append(findings, changes.findings);
    const outcome = writeInPlace(changes.files, paths);
    append(findings, outcome.findings);
    const unchanged = changes.unchanged.length;
    const note = unchanged ? `, ${unchanged} unchanged (only kept resources)` : '';
    io.stderr.write(`${outcome.written.length} file(s) rewritten in place${note}\n`);
  } else {
    result = convert(read.files, options, progressReporter(io));
    append(findings, result.findings);
  }

  if (flags.check) {
    findings.sort(compareFindings);
    await writeReport(findings, result, flags, io, targetOf(options));
    return checkOutcome(result, exitCodeFor(findings, flags.failOn), io);
  }

  if (flags.outDir) {
    const target = describeTarget(targetOf(options));
    // A file name can hold a line break: kept on the comment's line so it cannot start YAML.
    const header = (source: string) =>
      `${GENERATED_MARK} from ${yamlCommentText(source)} for ${target}.\n`;
    const names = outputPaths(
      read.files.map((f) => f.file),
      read.root,
    );
    const stdinName = names.get('-');
    if (stdinName && stdinName !== 'stdin.yaml') {
      io.stderr.write(
        `standard input is written as ${stdinName}: stdin.yaml is the output of an input file\n`,
      );
    }
    const planned = result.files.map((f) => ({
      path: names.get(f.file) ?? outputPathFor(f.file, read.root),
      source: f.file,
      content: () => header(f.file) + toYaml(f.objects),
    }));
    const inputs = read.files.map((f) => f.file);
    const outcome = writeOutputs(flags.outDir, planned, inputs, Boolean(flags.force));
    append(findings, outcome.findings);
    const unchanged = outcome.unchanged.length ? `, ${outcome.unchanged.length} unchanged` : '';
    io.stderr.write(`${outcome.written.length} file(s) written to ${flags.outDir}${unchanged}\n`);
  } else if (!flags.write && result.resources.length > 0) {
    io.stdout.write(flags.output === 'json' ? toJson(result.resources) : toYaml(result.resources));
  }

  findings.sort(compareFindings);
  await writeReport(findings, result, flags, io, targetOf(options));
  return exitCodeFor(findings, flags.failOn);
}

/**
 * `--check`, as prettier and eslint have it for CI: exit 1 when any file still holds Istio
 * resources that convert, naming them; the findings gate (--fail-on) still applies.
 */
function checkOutcome(result: ConvertResult, code: number, io: CliIO): number {
  const files = [...new Set(result.converted.map((r) => r.file))].sort();
  if (files.length === 0) {
    io.stderr.write('check: no Istio resources left to convert\n');
    return code;
  }
  io.stderr.write(`check: ${files.length} file(s) would be converted:\n`);
  for (const f of files) io.stderr.write(`  ${f}\n`);
  return Math.max(code, 1);
}

async function writeReport(
  findings: Finding[],
  result: ConvertResult,
  flags: ConvertFlags,
  io: CliIO,
  target: import('../target.js').Target,
): Promise<void> {
  const { summarize, textReportChunks } = await import('../emit/report-text.js');
  const { buildJsonReport, jsonReportChunks } = await import('../emit/report-json.js');
  const { writeChunks } = await import('./write-files.js');
  const { VERSION } = await import('../version.js');
  const counts = [result.resources.length, result.kept.length, result.converted.length] as const;
  const summary = summarize(findings, ...counts);
  const color = useColor(flags, io);
  // Reports are written a piece at a time: at 100,000 VirtualServices each is hundreds of MiB.
  const json = () =>
    jsonReportChunks(
      buildJsonReport(VERSION, target, summary, findings, result.kept, result.cutover),
    );
  const text = (c: boolean) =>
    textReportChunks(findings, result.kept, summary, { color: c, cutover: result.cutover });
  const toStderr = (chunks: Iterable<string>) => {
    for (const c of chunks) io.stderr.write(c);
  };
  // On stderr, --quiet keeps the errors and --summary counts per id; the report file is whole.
  const shown = shownFindings(findings, flags);
  const terminal = (c: boolean): Iterable<string> =>
    flags.summary
      ? [summaryLines(shown), ...textReportChunks([], [], summary, { color: c })]
      : textReportChunks(shown, flags.quiet ? [] : result.kept, summary, {
          color: c,
          ...(flags.quiet ? {} : { cutover: result.cutover }),
        });
  const reportFormat = flags.reportFormat ?? (flags.reportFile ? 'json' : 'text');
  if (flags.reportFile) {
    writeChunks(flags.reportFile, reportFormat === 'json' ? json() : text(false));
    toStderr(terminal(color));
  } else {
    toStderr(reportFormat === 'json' ? json() : terminal(color));
  }
}

export function registerConvert(program: Command, io: CliIO, setExit: SetExit): void {
  const cmd = targetOptions(
    program
      .command('convert')
      .description(
        'convert Istio Gateway/VirtualService manifests to Gateway API; findings go to stderr',
      )
      .argument('[paths...]', 'files, directories (read recursively) or - for standard input'),
  )
    .addOption(
      new Option('-o, --output <format>', 'format of the manifests on stdout')
        .choices(['yaml', 'json'])
        .default('yaml'),
    )
    .option(
      '--out-dir <dir>',
      'write one file per input file that held Istio resources, mirroring the input tree',
    )
    .option('--force', 'with --out-dir: replace existing files that istio2gateway did not write')
    .addOption(
      new Option('--report-format <format>', 'format of the findings report').choices([
        'text',
        'json',
      ]),
    )
    .option(
      '--report-file <file>',
      'also write the report to this file (JSON unless --report-format text)',
    )
    .option(
      '--write',
      'rewrite the input files in place: each converted document replaced by its Gateway API ' +
        'documents, everything else kept byte for byte',
    )
    .option(
      '--annotate',
      'with --write: write each finding as a YAML comment at the field it concerns',
    )
    .option('--check', 'for CI: exit 1 when any file still holds Istio resources that convert')
    .showHelpAfterError(HELP_HINT)
    .exitOverride()
    .action(async (paths: string[], flags: ConvertFlags) =>
      setExit(await runConvert(paths, flags, io)),
    );
  withExamples(cmd, [
    'istio2gateway convert k8s/                        # manifests on stdout, findings on stderr',
    'istio2gateway convert k8s/ --out-dir converted/   # one file per input file',
    'istio2gateway convert k8s/ --write                # convert in place',
    'kubectl get gw,vs,dr,se -A -o yaml | istio2gateway convert -',
    'istio2gateway convert k8s/ --check --quiet        # CI: fail while Istio resources remain',
  ]);
}
