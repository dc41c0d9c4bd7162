// `istio2gateway diff`: what `convert --write` would change, as a unified diff or a report.
import { realpathSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { SourceLinks } from '../emit/report-markdown.js';
import { REPORT_FORMATS, type ReportFormat } from '../report.js';
import type { Review } from './review.js';
import {
  type CliIO,
  type ConversionFlags,
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
  changedSince?: string;
  verify?: boolean;
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
  const [{ review }, { ChangedSinceError }, { formatPatch, formatReport }] = await Promise.all([
    import('./review.js'),
    import('./changed-files.js'),
    import('../report.js'),
  ]);
  const cwd = io.cwd ?? process.cwd();
  const output = flags.outputFile === undefined ? undefined : resolve(cwd, flags.outputFile);
  const links = linksFrom(io.env);
  let r: Review;
  try {
    // One conversion for the document, the text report, verify's summary and the exit code.
    r = review({
      paths,
      cwd,
      options,
      failOn: flags.failOn,
      ignore: flags.ignore,
      annotate: Boolean(flags.annotate),
      verify: Boolean(flags.verify),
      ...(flags.changedSince ? { changedSince: flags.changedSince } : {}),
      ...(links ? { links } : {}),
      hooks: progressReporter(io),
    });
  } catch (e) {
    if (e instanceof ChangedSinceError) throw new UsageError(e.message);
    throw e;
  }
  if (output && r.files.some((f) => sameFile(resolve(cwd, f), output))) {
    throw new UsageError(`--output-file ${flags.outputFile} is an input file`);
  }
  const formats = {
    text: () => formatPatch(r.result),
    markdown: () => r.markdown(),
    json: () => r.json(),
    sarif: () => r.sarif(),
  };
  const document = formats[format]();
  if (output) writeFileSync(output, document);
  else io.stdout.write(document);
  const color = useColor(flags, io);
  const shown = shownFindings(r.findings, flags);
  if (flags.summary) io.stderr.write(summaryLines(shown));
  else io.stderr.write(formatReport(r.result, 'text', { findings: shown, color }));
  const unchanged = r.result.unchanged.length;
  const note = unchanged ? `, ${unchanged} unchanged (only kept resources)` : '';
  io.stderr.write(`${r.result.files.length} file(s) would change${note}\n`);
  if (r.scope) {
    const sc = r.scope;
    io.stderr.write(
      `limited to ${sc.changedFiles} file(s) changed since ${sc.since}; ` +
        `${sc.otherFindings} finding(s) and ${sc.otherDiffs} diff(s)` +
        ` in ${sc.otherFiles} other file(s) not shown\n`,
    );
  }
  if (r.verify) {
    const v = r.verify;
    io.stderr.write(
      `verify: ${v.probes} probe request(s), ${v.changed} changed,` +
        ` ${v.changed - v.explained} unexplained\n`,
    );
  }
  // --exit-code, as git diff has it: 1 when any file would change.
  return flags.exitCode && r.result.files.length > 0 ? Math.max(r.exitCode, 1) : r.exitCode;
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
    .option(
      '--changed-since <ref>',
      'report findings and diffs only for files changed since this git ref (all is still read)',
    )
    .option('--verify', 'also replay probe requests over the same conversion (summary in report)')
    .showHelpAfterError(HELP_HINT)
    .exitOverride()
    .action(async (paths: string[], flags: DiffFlags) => setExit(await runDiff(paths, flags, io)));
  withExamples(cmd, [
    'istio2gateway diff k8s/                                   # unified diff on stdout',
    'istio2gateway diff k8s/ -o markdown --output-file pr.md   # a pull-request comment',
    'istio2gateway diff k8s/ -o sarif --output-file i2g.sarif  # for code scanning',
    'istio2gateway diff k8s/ --exit-code --summary             # CI: fail when files would change',
    'istio2gateway diff k8s/ -o markdown --verify --changed-since origin/main',
  ]);
}
