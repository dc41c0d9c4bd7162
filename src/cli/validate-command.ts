import { Option, type Command } from 'commander';
import { loadCrds, validateManifests, type ValidateAgainst } from '../check/index.js';
import { compareFindings } from '../findings/finding.js';
import { readInputs } from '../read/files.js';
import { OptionsSchema, targetOf } from '../options.js';
import { formatTextReport, summarize } from '../emit/report-text.js';
import { buildJsonReport, formatJsonReport } from '../emit/report-json.js';
import { type CliIO, exitCodeFor, type FailOn, targetOptions, UsageError, VERSION } from './main.js';

interface ValidateFlags {
  crds?: string;
  gatewayApi: string;
  channel: string;
  istio: string;
  namespace: string;
  gatewayClass: string;
  reportFormat: 'text' | 'json';
  failOn: FailOn;
  color: boolean;
}

/**
 * `istio2gateway validate <paths>`: checks any Gateway API manifests offline, against the
 * built-in rules of the target, or against the CRDs the user installs (`--crds`: schema + CEL).
 */
export function addValidateCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  targetOptions(
    program
      .command('validate')
      .description('validate Gateway API manifests offline for a release and channel, or against given CRDs')
      .argument('[paths...]', 'files, directories (read recursively) or - for standard input'),
  )
    .option('--crds <file|dir>', 'validate against these CRDs (OpenAPI schema and CEL rules) instead of the built-in rules')
    .addOption(new Option('--report-format <format>', 'format of the findings report').choices(['text', 'json']).default('text'))
    .action((paths: string[], flags: ValidateFlags) => setExit(runValidate(paths, flags, io)));
}

function runValidate(paths: string[], flags: ValidateFlags, io: CliIO): number {
  if (paths.length === 0) throw new UsageError('no input: name files or directories, or `-` for standard input');
  const options = OptionsSchema.parse({ gatewayApi: flags.gatewayApi, channel: flags.channel, istio: flags.istio, namespace: flags.namespace, gatewayClass: flags.gatewayClass });
  let against: ValidateAgainst = { target: targetOf(options) };
  if (flags.crds) {
    try {
      against = { crds: loadCrds(flags.crds) };
    } catch (e) {
      throw new UsageError(`--crds ${flags.crds}: ${(e as Error).message}`);
    }
  }
  const read = readInputs(paths, { maxFileBytes: options.maxFileBytes, readStdin: io.readStdin });
  const findings = [...read.findings, ...validateManifests(read.files, against)].sort(compareFindings);
  const summary = summarize(findings, 0, 0, 0);
  if (flags.reportFormat === 'json') {
    io.stderr.write(formatJsonReport(buildJsonReport(VERSION, targetOf(options), summary, findings, [])));
  } else {
    const color = flags.color && io.stderrIsTTY && !io.env.NO_COLOR;
    const against = flags.crds ? `the CRDs in ${flags.crds}` : `Gateway API ${options.gatewayApi} ${options.channel}`;
    const text = formatTextReport(findings, [], summary, { color }).replace(/^.*converted into.*\n$/m, '');
    io.stderr.write(`${text}${read.files.length} file(s) validated against ${against}: ${summary.error} error(s), ${summary.warning} warning(s)\n`);
  }
  return exitCodeFor(findings, flags.failOn);
}
