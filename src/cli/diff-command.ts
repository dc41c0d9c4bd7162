// `istio2gateway diff`: what `convert --write` would change, as a unified diff or a report.
import { realpathSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { SourceLinks } from '../emit/report-markdown.js';
import { REPORT_FORMATS, type ReportFormat } from '../report.js';
import type { Review } from './review.js';
import {
  type CliIO,
  type ConversionFlags,
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
  const [{ review }, { ChangedSinceError }, { formatPatch, formatReport }] = await Promise.all([
    import('./review.js'),
    import('./changed-files.js'),
    import('../report.js'),
  ]);
  const cwd = io.cwd ?? process.cwd();
  const output = flags.output === undefined ? undefined : resolve(cwd, flags.output);
  const links = linksFrom(io.env);
  let r: Review;
  try {
    // One conversion for the document, the text report, verify's summary and the exit code.
    r = review({
      paths,
      cwd,
      options,
      failOn: flags.failOn,
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
    throw new UsageError(`--output ${flags.output} is an input file`);
  }
  const formats = {
    text: () => formatPatch(r.result),
    markdown: () => r.markdown(),
    json: r.json,
    sarif: r.sarif,
  };
  const document = formats[flags.format]();
  if (output) writeFileSync(output, document);
  else io.stdout.write(document);
  const color = useColor(flags, io);
  io.stderr.write(formatReport(r.result, 'text', { findings: r.findings, color }));
  const unchanged = r.result.unchanged.length;
  const note = unchanged ? `, ${unchanged} unchanged (only kept resources)` : '';
  io.stderr.write(`${r.result.files.length} file(s) would change${note}\n`);
  if (r.scope) {
    const sc = r.scope;
    io.stderr.write(`limited to ${sc.changedFiles} file(s) changed since ${sc.since}; `
      + `${sc.otherFindings} finding(s) and ${sc.otherDiffs} diff(s)`
      + ` in ${sc.otherFiles} other file(s) not shown\n`);
  }
  if (r.verify) {
    const v = r.verify;
    io.stderr.write(`verify: ${v.probes} probe request(s), ${v.changed} changed,`
      + ` ${v.changed - v.explained} unexplained\n`);
  }
  return r.exitCode;
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
    .option('--changed-since <ref>',
      'report findings and diffs only for files changed since this git ref (all is still read)')
    .option('--verify', 'also replay probe requests over the same conversion (summary in report)')
    .exitOverride()
    .action(async (paths: string[], flags: DiffFlags) => setExit(await runDiff(paths, flags, io)));
}
