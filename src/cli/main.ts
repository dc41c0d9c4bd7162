import { VERSION } from '../version.js';
import { Command, CommanderError, Option } from 'commander';
import { convert, type ConvertResult } from '../convert.js';
import type { VerifyHooks } from '../verify/verify.js';
import { compareFindings, type Finding, SEVERITY_RANK, type Severity } from '../findings/finding.js';
import { CATALOG } from '../findings/catalog.js';
import { OptionsSchema, type ResolvedOptions, targetOf } from '../options.js';
import { CHANNELS, GATEWAY_API_RELEASES, ISTIO_VERSIONS, describeTarget } from '../target.js';
import { readInputs, outputPathFor } from '../read/files.js';
import { toJson, toYaml } from '../emit/manifests.js';
import { summarize, textReportChunks } from '../emit/report-text.js';
import { buildJsonReport, jsonReportChunks } from '../emit/report-json.js';
import { GENERATED_MARK, type PlannedFile, writeChunks, writeInPlace, writeOutputs } from './write-files.js';
import { realpathSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { diff, type DiffResult } from '../diff.js';
import { formatPatch, formatReport, REPORT_FORMATS, type ReportFormat } from '../report.js';
import type { SourceLinks } from '../emit/report-markdown.js';
import type { InputFile } from '../parse/documents.js';
import { registerCodemod } from './codemod-command.js';
import { verifyCommand } from './verify-command.js';
import { addValidateCommand } from './validate-command.js';
import { append } from '../collections.js';

/** Everything the CLI touches of the outside world, so tests can run it in-process. */
export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  readStdin(): string;
  env: Record<string, string | undefined>;
  stderrIsTTY: boolean;
  /** Directory that `diff` shows paths relative to; default the process's. */
  cwd?: string;
}

export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export { VERSION };

/** Exit codes: 2 when input could not be read (or output not written), 1 when findings reach `failOn`, else 0. */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): 0 | 1 | 2 {
  if (findings.some((f) => CATALOG.get(f.id)?.unreadable)) return 2;
  if (failOn === 'none') return 0;
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn as Severity]) ? 1 : 0;
}

/** Bad usage: exit code 2 with the message, no stack trace. */
export class UsageError extends Error {}

/** The flags `targetOptions` adds: every command that converts takes them all. */
export interface ConversionFlags {
  namespace: string;
  gatewayApi: string;
  channel: string;
  istio: string;
  gatewayClass: string;
  strictPrefix?: boolean;
  reuseGateway?: boolean;
  frontendValidation?: boolean;
  subsetServices?: string;
  backendTlsPolicy?: boolean;
  failOn: FailOn;
  color: boolean;
  maxFileBytes: string;
}

interface ConvertFlags extends ConversionFlags {
  output: 'yaml' | 'json';
  outDir?: string;
  force?: boolean;
  write?: boolean;
  annotate?: boolean;
  reportFormat?: 'text' | 'json';
  reportFile?: string;
}

interface DiffFlags extends ConversionFlags {
  format: ReportFormat;
  output?: string;
  annotate?: boolean;
}

export function resolveOptions(flags: ConversionFlags): ResolvedOptions {
  const parsed = OptionsSchema.safeParse({
    namespace: flags.namespace,
    gatewayApi: flags.gatewayApi,
    channel: flags.channel,
    istio: flags.istio,
    gatewayClass: flags.gatewayClass,
    strictPrefix: Boolean(flags.strictPrefix),
    reuseGateway: Boolean(flags.reuseGateway),
    frontendValidation: Boolean(flags.frontendValidation),
    subsetServices: flags.subsetServices ?? 'create',
    backendTlsPolicy: Boolean(flags.backendTlsPolicy),
    maxFileBytes: Number(flags.maxFileBytes),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`invalid option ${String(issue.path[0] ?? '')}: ${issue.message}`);
  }
  return parsed.data;
}

/** What a long run shows on a terminal: files read, resources converted, probe requests replayed. */
export interface Progress extends VerifyHooks {
  /** Clears the line. */
  done(): void;
}

/** On a terminal, one self-overwriting line of progress at most every 100 ms; nothing otherwise. */
export function progressReporter(io: CliIO): Progress {
  if (!io.stderrIsTTY) return { done: () => {} };
  let last = 0;
  let shown = false;
  const show = (text: string, final: boolean) => {
    const now = Date.now();
    if (now - last < 100 && !final) return;
    last = now;
    shown = !final;
    io.stderr.write(`\r\u001b[2K${text}${final ? '\r\u001b[2K' : ''}`);
  };
  return {
    onProgress: (p) => show(`read ${p.filesRead}/${p.files} files, ${p.resources} resources`, p.filesRead === p.files),
    onConverted: (p) => show(`converted ${p.converted}/${p.total} Gateways and VirtualServices`, p.converted === p.total),
    onProbes: (p) => show(`replayed ${p.probes} probe requests (at most ${p.max})`, false),
    done: () => {
      if (shown) io.stderr.write('\r\u001b[2K');
      shown = false;
    },
  };
}

function runConvert(paths: string[], flags: ConvertFlags, io: CliIO): number {
  if (paths.length === 0) throw new UsageError('no input: name files or directories, or `-` for standard input');
  if (flags.write && flags.outDir) throw new UsageError('--write rewrites the input files and --out-dir writes a new tree: choose one');
  if (flags.write && paths.includes('-')) throw new UsageError('--write rewrites files in place, so it cannot read standard input (-)');
  if (flags.annotate && !flags.write) throw new UsageError('--annotate only applies with --write (or `istio2gateway diff --annotate`)');
  const options = resolveOptions(flags);
  // A rerun must not read back what --out-dir wrote inside an input tree (out/out/… otherwise).
  const skipDirs = flags.outDir ? [flags.outDir] : [];
  const read = readInputs(paths, { maxFileBytes: options.maxFileBytes, readStdin: io.readStdin, skipDirs });
  const report = flags.reportFile;
  const inputs = [...paths, ...read.files.map((f) => f.file)].filter((f) => f !== '-');
  if (report && inputs.some((f) => sameFile(f, report))) {
    throw new UsageError(`--report-file ${report} is an input: choose another file`);
  }
  const findings = [...read.findings];
  let result: ConvertResult;

  if (flags.write) {
    const changes = diff(read.files, { ...options, annotate: Boolean(flags.annotate) }, progressReporter(io));
    result = changes.conversion;
    append(findings, changes.findings);
    const outcome = writeInPlace(changes.files, paths);
    append(findings, outcome.findings);
    const unchanged = changes.unchanged.length;
    io.stderr.write(`${outcome.written.length} file(s) rewritten in place${unchanged ? `, ${unchanged} unchanged (only kept resources)` : ''}\n`);
  } else {
    result = convert(read.files, options, progressReporter(io));
    append(findings, result.findings);
  }

  if (flags.outDir) {
    const header = (source: string) => `${GENERATED_MARK} from ${source} for ${describeTarget(targetOf(options))}.\n`;
    const planned: PlannedFile[] = result.files.map((f) => ({
      path: outputPathFor(f.file, read.root),
      source: f.file,
      content: () => header(f.file) + toYaml(f.objects),
    }));
    const outcome = writeOutputs(flags.outDir, planned, read.files.map((f) => f.file), Boolean(flags.force));
    append(findings, outcome.findings);
    io.stderr.write(`${outcome.written.length} file(s) written to ${flags.outDir}${outcome.unchanged.length ? `, ${outcome.unchanged.length} unchanged` : ''}\n`);
  } else if (!flags.write && result.resources.length > 0) {
    io.stdout.write(flags.output === 'json' ? toJson(result.resources) : toYaml(result.resources));
  }

  findings.sort(compareFindings);
  const summary = summarize(findings, result.resources.length, result.kept.length, result.converted.length);
  const color = flags.color && io.stderrIsTTY && !io.env.NO_COLOR;
  // Reports are written a piece at a time: at 100,000 VirtualServices each is hundreds of MiB of text.
  const json = () => jsonReportChunks(buildJsonReport(VERSION, targetOf(options), summary, findings, result.kept));
  const toStderr = (chunks: Iterable<string>) => {
    for (const c of chunks) io.stderr.write(c);
  };
  const reportFormat = flags.reportFormat ?? (flags.reportFile ? 'json' : 'text');
  if (flags.reportFile) {
    writeChunks(flags.reportFile, reportFormat === 'json' ? json() : textReportChunks(findings, result.kept, summary, { color: false }));
    toStderr(textReportChunks(findings, result.kept, summary, { color }));
  } else {
    toStderr(reportFormat === 'json' ? json() : textReportChunks(findings, result.kept, summary, { color }));
  }
  return exitCodeFor(findings, flags.failOn);
}

/** `a/k8s/app.yaml`, not `a//home/me/repo/k8s/app.yaml`: paths in diffs and reports are relative to the working directory. */
function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, file));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}

function linksFrom(env: CliIO['env']): SourceLinks | undefined {
  const { GITHUB_SERVER_URL: serverUrl, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  return serverUrl && repository && sha ? { serverUrl, repository, sha } : undefined;
}

function runDiff(paths: string[], flags: DiffFlags, io: CliIO): number {
  if (paths.length === 0) throw new UsageError('no input: name files or directories');
  if (paths.includes('-')) throw new UsageError('diff shows what --write would change in files, so it cannot read standard input (-)');
  const options = resolveOptions(flags);
  const cwd = io.cwd ?? process.cwd();
  const output = flags.output === undefined ? undefined : resolve(cwd, flags.output);
  const read = readInputs(paths.map((p) => resolve(cwd, p)), { maxFileBytes: options.maxFileBytes });
  if (output && read.files.some((f) => sameFile(f.file, output))) throw new UsageError(`--output ${flags.output} is an input file`);
  const files: InputFile[] = read.files.map((f) => ({ ...f, file: displayPath(f.file, cwd) }));
  const result: DiffResult = diff(files, { ...options, annotate: Boolean(flags.annotate) }, progressReporter(io));
  const findings = [
    ...read.findings.map((f) => (f.source ? { ...f, source: { ...f.source, file: displayPath(f.source.file, cwd) } } : f)),
    ...result.findings,
  ].sort(compareFindings);

  const links = linksFrom(io.env);
  const document = flags.format === 'text' ? formatPatch(result) : formatReport(result, flags.format, { findings, ...(links ? { links } : {}) });
  if (output) writeFileSync(output, document);
  else io.stdout.write(document);
  const color = flags.color && io.stderrIsTTY && !io.env.NO_COLOR;
  io.stderr.write(formatReport(result, 'text', { findings, color: Boolean(color) }));
  io.stderr.write(`${result.files.length} file(s) would change${result.unchanged.length ? `, ${result.unchanged.length} unchanged (only kept resources)` : ''}\n`);
  return exitCodeFor(findings, flags.failOn);
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

/** Options every command that converts shares: target, conversion choices, gate and reading limits. */
export function targetOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-n, --namespace <namespace>', 'namespace of resources that have none').default('default'))
    .addOption(new Option('--gateway-api <release>', 'Gateway API release of the cluster').choices(GATEWAY_API_RELEASES).default('v1.6'))
    .addOption(new Option('--channel <channel>', 'Gateway API release channel').choices(CHANNELS).default('standard'))
    .addOption(new Option('--istio <version>', 'Istio version of the cluster').choices(ISTIO_VERSIONS).default('1.31'))
    .option('--gateway-class <name>', 'gatewayClassName of generated Gateways', 'istio')
    .option('--strict-prefix', 'emit the exact RegularExpression for Istio string prefixes instead of PathPrefix')
    .option('--reuse-gateway', 'bind each Gateway to the existing ingress Service instead of provisioning new gateway pods')
    .option('--frontend-validation', 'write client-certificate validation as spec.tls.frontend where the target has it')
    .addOption(new Option('--subset-services <mode>', 'per-subset Services for DestinationRule subsets: create them, or none (only report)').choices(['create', 'none']).default('create'))
    .option('--backend-tls-policy', 'write simple TLS origination (DestinationRule tls SIMPLE) as BackendTLSPolicy where the target has it')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level').choices(FAIL_ON).default('error'))
    .option('--no-color', 'no colour in the report (also: NO_COLOR)')
    .option('--max-file-bytes <bytes>', 'largest input file read', String(16 * 1024 * 1024));
}

export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('istio2gateway')
    .description('Migrate Istio networking config to the Kubernetes Gateway API, with no silent behaviour change.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  targetOptions(
    program
      .command('convert')
      .description('convert Istio Gateway/VirtualService manifests to Gateway API; findings go to stderr')
      .argument('[paths...]', 'files, directories (read recursively) or - for standard input'),
  )
    .addOption(new Option('-o, --output <format>', 'format of the manifests on stdout').choices(['yaml', 'json']).default('yaml'))
    .option('--out-dir <dir>', 'write one file per input file that held Istio resources, mirroring the input tree')
    .option('--force', 'with --out-dir: replace existing files that istio2gateway did not write')
    .addOption(new Option('--report-format <format>', 'format of the findings report').choices(['text', 'json']))
    .option('--report-file <file>', 'also write the report to this file (JSON unless --report-format text)')
    .option('--write', 'rewrite the input files in place: each converted document replaced by its Gateway API documents, everything else kept byte for byte')
    .option('--annotate', 'with --write: write each finding as a YAML comment at the field it concerns')
    .exitOverride()
    .action((paths: string[], flags: ConvertFlags) => setExit(runConvert(paths, flags, io)));

  targetOptions(
    program
      .command('diff')
      .description('show, without writing, what `convert --write` would change: a unified diff per file and the findings')
      .argument('[paths...]', 'files or directories (read recursively)'),
  )
    .addOption(new Option('-f, --format <format>', 'text: unified diff on stdout; markdown: a pull-request comment; json; sarif: SARIF 2.1.0').choices(REPORT_FORMATS).default('text'))
    .option('--output <file>', 'write the diff or report to this file instead of stdout')
    .option('--annotate', 'show the findings as YAML comments in the generated documents, as `convert --write --annotate` writes them')
    .exitOverride()
    .action((paths: string[], flags: DiffFlags) => setExit(runDiff(paths, flags, io)));
  registerCodemod(program, io, setExit);
  program.addCommand(verifyCommand(io, setExit));
  addValidateCommand(program, io, setExit);
  return program;
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
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`internal error: ${(e as Error).message}\nThis is a bug in istio2gateway; please report it with the input that caused it${io.env.ISTIO2GATEWAY_DEBUG ? '' : ' (set ISTIO2GATEWAY_DEBUG=1 for the stack trace)'}.\n`);
    if (io.env.ISTIO2GATEWAY_DEBUG) io.stderr.write(`${(e as Error).stack ?? ''}\n`);
    return 70;
  }
}
