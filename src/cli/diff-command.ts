// `istio2gateway diff`: what `convert --write` would change, as a unified diff or a report.
import { realpathSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type Command, Option } from 'commander';
import type { SourceLinks } from '../emit/report-markdown.js';
import { REPORT_FORMATS, type ReportFormat } from '../report.js';
import type { InputFile } from '../parse/documents.js';
import {
  type CliIO,
  type ConversionFlags,
  exitCodeFor,
  progressReporter,
  resolveOptions,
  type SetExit,
  targetOptions,
  UsageError,
  useColor,
} from './common.js';

interface DiffFlags extends ConversionFlags {
  format: ReportFormat;
  output?: string;
  annotate?: boolean;
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
  const [{ readInputs }, { diff }, { formatPatch, formatReport }, { compareFindings }] =
    await Promise.all([
      import('../read/files.js'),
      import('../diff.js'),
      import('../report.js'),
      import('../findings/finding.js'),
    ]);
  const cwd = io.cwd ?? process.cwd();
  const output = flags.output === undefined ? undefined : resolve(cwd, flags.output);
  const read = readInputs(
    paths.map((p) => resolve(cwd, p)),
    { maxFileBytes: options.maxFileBytes },
  );
  if (output && read.files.some((f) => sameFile(f.file, output))) {
    throw new UsageError(`--output ${flags.output} is an input file`);
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
    flags.format === 'text'
      ? formatPatch(result)
      : formatReport(result, flags.format, { findings, ...(links ? { links } : {}) });
  if (output) writeFileSync(output, document);
  else io.stdout.write(document);
  io.stderr.write(formatReport(result, 'text', { findings, color: useColor(flags, io) }));
  const unchanged = result.unchanged.length;
  const note = unchanged ? `, ${unchanged} unchanged (only kept resources)` : '';
  io.stderr.write(`${result.files.length} file(s) would change${note}\n`);
  return exitCodeFor(findings, flags.failOn);
}

export function registerDiff(program: Command, io: CliIO, setExit: SetExit): void {
  targetOptions(
    program
      .command('diff')
      .description(
        'show, without writing, what `convert --write` would change: a unified diff per file ' +
          'and the findings',
      )
      .argument('[paths...]', 'files or directories (read recursively)'),
  )
    .addOption(
      new Option(
        '-f, --format <format>',
        'text: unified diff on stdout; markdown: a pull-request comment; json; sarif: SARIF 2.1.0',
      )
        .choices(REPORT_FORMATS)
        .default('text'),
    )
    .option('--output <file>', 'write the diff or report to this file instead of stdout')
    .option(
      '--annotate',
      'show the findings as YAML comments in the generated documents, as ' +
        '`convert --write --annotate` writes them',
    )
    .exitOverride()
    .action(async (paths: string[], flags: DiffFlags) => setExit(await runDiff(paths, flags, io)));
}
