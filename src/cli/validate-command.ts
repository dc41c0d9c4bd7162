import { Option, type Command } from 'commander';
import type { ValidateAgainst } from '../check/index.js';
import { targetOf } from '../target.js';
import {
  type CliIO,
  exitCodeFor,
  parseOptions,
  type FailOn,
  clusterOptions,
  HELP_HINT,
  type ReportDetailFlags,
  runOptions,
  type SetExit,
  shownFindings,
  stdinFor,
  summaryLines,
  UsageError,
  useColor,
  withExamples,
} from './common.js';

interface ValidateFlags extends ReportDetailFlags {
  crds?: string;
  gatewayApi: string;
  channel: string;
  istio: string;
  output: 'text' | 'json';
  /** The old spelling of --output, still accepted. */
  reportFormat?: 'text' | 'json';
  maxFileBytes: string;
  ignore: string[];
  failOn: FailOn;
  color: boolean;
}

/**
 * `istio2gateway validate <paths>`: checks any Gateway API manifests offline, against the
 * built-in rules of the target, or against the CRDs the user installs (`--crds`: schema + CEL).
 */
export function addValidateCommand(program: Command, io: CliIO, setExit: SetExit): void {
  const cmd = runOptions(
    clusterOptions(
      program
        .command('validate')
        .description(
          'validate Gateway API manifests offline for a release and channel, or against given CRDs',
        )
        .argument('[paths...]', 'files, directories (read recursively) or - for standard input'),
    ),
  )
    .option(
      '--crds <file|dir>',
      'validate against these CRDs (OpenAPI schema and CEL rules) instead of the built-in rules',
    )
    .addOption(
      new Option('-o, --output <format>', 'format of the findings report (on stderr)')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addOption(new Option('--report-format <format>').choices(['text', 'json']).hideHelp())
    .showHelpAfterError(HELP_HINT)
    .exitOverride()
    .action(async (paths: string[], flags: ValidateFlags) =>
      setExit(await runValidate(paths, flags, io)),
    );
  withExamples(cmd, [
    'istio2gateway validate routes/ --gateway-api v1.4          # built-in rules of a release',
    'istio2gateway validate routes/ --crds crds/                # the CRDs you install',
    'helm template app chart/ | istio2gateway validate - -o json',
  ]);
}

async function runValidate(paths: string[], flags: ValidateFlags, io: CliIO): Promise<number> {
  if (paths.length === 0) {
    throw new UsageError('no input: name files or directories, or `-` for standard input');
  }
  const [{ loadCrds, validateManifests }, { compareFindings }, { readInputs }] = await Promise.all([
    import('../check/index.js'),
    import('../findings/finding.js'),
    import('../read/files.js'),
  ]);
  const [{ formatTextReport, summarize }, { buildJsonReport, formatJsonReport }, { VERSION }] =
    await Promise.all([
      import('../emit/report-text.js'),
      import('../emit/report-json.js'),
      import('../version.js'),
    ]);
  const options = await parseOptions({
    gatewayApi: flags.gatewayApi,
    channel: flags.channel,
    istio: flags.istio,
    maxFileBytes: Number(flags.maxFileBytes),
  });
  let against: ValidateAgainst = { target: targetOf(options) };
  if (flags.crds) {
    try {
      against = { crds: loadCrds(flags.crds) };
    } catch (e) {
      throw new UsageError(`--crds ${flags.crds}: ${(e as Error).message}`);
    }
  }
  const read = readInputs(paths, {
    maxFileBytes: options.maxFileBytes,
    stdin: await stdinFor(paths, io, options.maxFileBytes),
    ignore: flags.ignore,
  });
  const findings = [...read.findings, ...validateManifests(read.files, against)].sort(
    compareFindings,
  );
  const summary = summarize(findings, 0, 0, 0);
  if ((flags.reportFormat ?? flags.output) === 'json') {
    io.stderr.write(
      formatJsonReport(buildJsonReport(VERSION, targetOf(options), summary, findings, [])),
    );
  } else {
    const color = useColor(flags, io);
    const against = flags.crds
      ? `the CRDs in ${flags.crds}`
      : `Gateway API ${options.gatewayApi} ${options.channel}`;
    const shown = shownFindings(findings, flags);
    const text = flags.summary
      ? summaryLines(shown)
      : formatTextReport(shown, [], summary, { color }).replace(/^.*converted into.*\n$/m, '');
    io.stderr.write(
      `${text}${read.files.length} file(s) validated against ${against}: ${summary.error} error(s), ${summary.warning} warning(s)\n`,
    );
  }
  return exitCodeFor(findings, flags.failOn);
}
