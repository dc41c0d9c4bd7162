// `istio2gateway diff`: what `convert --write` would change, as a unified diff or a report.
import { realpathSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { SourceLinks } from '../emit/report-markdown.js';
import { REPORT_FORMATS, type ReportFormat } from '../report.js';
import type { InputFile } from '../parse/documents.js';
import {
  type CliIO,
  type ConversionFlags,
  exitCodeFor,
  HELP_HINT,
  progressReporter,
  type ReportDetailFlags,
  resolveOptions,
  type SetExit,
  shownFindings,
  summaryLines,
  targetOptions,
  UsageError,
  useColor,
  withExamples,
} from './common.js';

interface DiffFlags extends ConversionFlags, ReportDetailFlags {
  output: ReportFormat;
  /** The old spelling of --output (`-f, --format`), still accepted. */
  format?: ReportFormat;
  outputFile?: string;
  annotate?: boolean;
  exitCode?: boolean;
}

/** `k8s/app.yaml`, not `/home/me/repo/k8s/app.yaml`: paths are relative to the working dir. */
function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, file));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}

function linksFrom(env: CliIO['env']): SourceLinks | undefined {
  const { GITHUB_SERVER_URL: serverUrl, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  return serverUrl && repository && sha ? { serverUrl, repository, sha } : undefined;
}

function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

async function runDiff(paths: string[], flags: DiffFlags, io: CliIO): Promise<number> {
  if (paths.length === 0) throw new UsageError('no input: name files or directories');
  if (paths.includes('-')) {
    throw new UsageError(
      'diff shows what --write would change in files, so it cannot read standard input (-)',
    );
  }
  const options = await resolveOptions(flags);
  const format = flags.format ?? flags.output;
  const [{ readInputs }, { diff }, { formatPatch, formatReport }, { compareFindings }] =
    await Promise.all([
      import('../read/files.js'),
      import('../diff.js'),
      import('../report.js'),
      import('../findings/finding.js'),
    ]);
  const cwd = io.cwd ?? process.cwd();
  const output = flags.outputFile === undefined ? undefined : resolve(cwd, flags.outputFile);
  const read = readInputs(
    paths.map((p) => resolve(cwd, p)),
    { maxFileBytes: options.maxFileBytes, ignore: flags.ignore },
  );
  if (output && read.files.some((f) => sameFile(f.file, output))) {
    throw new UsageError(`--output-file ${flags.outputFile} is an input file`);
  }
  const files: InputFile[] = read.files.map((f) => ({ ...f, file: displayPath(f.file, cwd) }));
  const annotate = Boolean(flags.annotate);
  const result = diff(files, { ...options, annotate }, progressReporter(io));
  const relocated = read.findings.map((f) =>
    f.source ? { ...f, source: { ...f.source, file: displayPath(f.source.file, cwd) } } : f,
  );
  const findings = [...relocated, ...result.findings].sort(compareFindings);

  const links = linksFrom(io.env);
  const document =
    format === 'text'
      ? formatPatch(result)
      : formatReport(result, format, { findings, ...(links ? { links } : {}) });
  if (output) writeFileSync(output, document);
  else io.stdout.write(document);
  const color = useColor(flags, io);
  if (flags.summary) io.stderr.write(summaryLines(shownFindings(findings, flags)));
  else io.stderr.write(formatReport(result, 'text', { findings: shownFindings(findings, flags), color }));
  const unchanged = result.unchanged.length;
  const note = unchanged ? `, ${unchanged} unchanged (only kept resources)` : '';
  io.stderr.write(`${result.files.length} file(s) would change${note}\n`);
  const code = exitCodeFor(findings, flags.failOn);
  // --exit-code, as git diff has it: 1 when any file would change.
  return flags.exitCode && result.files.length > 0 ? Math.max(code, 1) : code;
}

/** `-o` is a format in every command; before 0.2 `diff --output` named a file: say so. */
function reportFormat(value: string): ReportFormat {
  if ((REPORT_FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
  const file = /[./\\]/.test(value) ? `; to write a file, use --output-file ${value}` : '';
  throw new InvalidArgumentError(`Allowed choices are ${REPORT_FORMATS.join(', ')}${file}.`);
}

export function registerDiff(program: Command, io: CliIO, setExit: SetExit): void {
  const formats = 'text: unified diff; markdown: a pull-request comment; json; sarif: SARIF 2.1.0';
  const cmd = targetOptions(
    program
      .command('diff')
      .description(
        'show, without writing, what `convert --write` would change: a unified diff per file ' +
          'and the findings',
      )
      .argument('[paths...]', 'files or directories (read recursively)'),
  )
    .addOption(
      new Option('-o, --output <format>', `output format: ${formats}`)
        .argParser(reportFormat)
        .default('text'),
    )
    .addOption(new Option('-f, --format <format>').choices(REPORT_FORMATS).hideHelp())
    .option('--output-file <file>', 'write the diff or report to this file instead of stdout')
    .option(
      '--annotate',
      'show the findings as YAML comments in the generated documents, as ' +
        '`convert --write --annotate` writes them',
    )
    .option('--exit-code', 'exit 1 when any file would change (as `git diff --exit-code`)')
    .showHelpAfterError(HELP_HINT)
    .exitOverride()
    .action(async (paths: string[], flags: DiffFlags) => setExit(await runDiff(paths, flags, io)));
  withExamples(cmd, [
    'istio2gateway diff k8s/                                   # unified diff on stdout',
    'istio2gateway diff k8s/ -o markdown --output-file pr.md   # a pull-request comment',
    'istio2gateway diff k8s/ -o sarif --output-file i2g.sarif  # for code scanning',
    'istio2gateway diff k8s/ --exit-code --summary             # CI: fail when files would change',
  ]);
}
