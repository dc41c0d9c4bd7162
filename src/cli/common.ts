// What every command shares: the I/O seam, exit codes, usage errors, the conversion flags and
// progress. Light imports only: a command's heavy modules are loaded when it runs.
import { type Command, Option } from 'commander';
import { CATALOG } from '../findings/catalog.js';
import { type Finding, SEVERITY_RANK, type Severity } from '../findings/finding.js';
import type { ResolvedOptions } from '../options.js';
import { CHANNELS, GATEWAY_API_RELEASES, ISTIO_VERSIONS } from '../target.js';
import { GATEWAY_STRATEGIES } from '../gateway-strategy.js';
import type { VerifyHooks } from '../verify/verify.js';
import { readStdin, type StdinRead, type StdinSource } from '../read/stdin.js';

/** Everything the CLI touches of the outside world, so tests can run it in-process. */
export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Standard input, read only for the path `-` (`process.stdin`; chunks in tests). */
  stdin?: StdinSource;
  env: Record<string, string | undefined>;
  stderrIsTTY: boolean;
  /** Directory that `diff` shows paths relative to; default the process's. */
  cwd?: string;
}

/** Sets the process's exit code once a command has run. */
export type SetExit = (code: number) => void;

export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * Exit codes: 2 when input could not be read (or output not written), 1 when findings reach
 * `failOn`, else 0.
 */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): 0 | 1 | 2 {
  if (findings.some((f) => CATALOG.get(f.id)?.unreadable)) return 2;
  if (failOn === 'none') return 0;
  const floor = SEVERITY_RANK[failOn];
  return findings.some((f) => SEVERITY_RANK[f.severity] >= floor) ? 1 : 0;
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
  gatewayStrategy?: string;
  reuseGateway?: boolean;
  frontendValidation?: boolean;
  subsetServices?: string;
  backendTlsPolicy?: boolean;
  mesh?: string;
  leastPrivilegeRoutes?: boolean;
  /** False with `--no-residual-virtual-services`. */
  residualVirtualServices?: boolean;
  failOn: FailOn;
  color: boolean;
  maxFileBytes: string;
  ignore: string[];
}

/**
 * Options checked by the schema, a wrong value a usage error (exit 2) naming the option; zod
 * loads only when a command runs.
 */
export async function parseOptions(input: Record<string, unknown>): Promise<ResolvedOptions> {
  const { OptionsSchema } = await import('../options.js');
  const parsed = OptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`invalid option ${String(issue.path[0] ?? '')}: ${issue.message}`);
  }
  return parsed.data;
}

/** The conversion options the flags ask for. */
export function resolveOptions(flags: ConversionFlags): Promise<ResolvedOptions> {
  return parseOptions({
    namespace: flags.namespace,
    gatewayApi: flags.gatewayApi,
    channel: flags.channel,
    istio: flags.istio,
    gatewayClass: flags.gatewayClass,
    strictPrefix: Boolean(flags.strictPrefix),
    ...(flags.gatewayStrategy !== undefined ? { gatewayStrategy: flags.gatewayStrategy } : {}),
    reuseGateway: Boolean(flags.reuseGateway),
    frontendValidation: Boolean(flags.frontendValidation),
    subsetServices: flags.subsetServices ?? 'create',
    backendTlsPolicy: Boolean(flags.backendTlsPolicy),
    mesh: flags.mesh ?? 'sidecar',
    leastPrivilegeRoutes: Boolean(flags.leastPrivilegeRoutes),
    residualVirtualServices: flags.residualVirtualServices !== false,
    maxFileBytes: Number(flags.maxFileBytes),
  });
}

const choice = (flags: string, what: string, choices: readonly string[], value: string) =>
  new Option(flags, what).choices(choices).default(value);

/** The cluster: Gateway API release and channel, Istio version. */
export function clusterOptions(cmd: Command): Command {
  return cmd
    .addOption(
      choice(
        '--gateway-api <release>',
        'Gateway API release of the cluster',
        GATEWAY_API_RELEASES,
        'v1.6',
      ),
    )
    .addOption(choice('--channel <channel>', 'Gateway API release channel', CHANNELS, 'standard'))
    .addOption(choice('--istio <version>', 'Istio version of the cluster', ISTIO_VERSIONS, '1.31'));
}

/** Exit gate, colour, reading limits and config: every command that reads manifests. */
export function runOptions(cmd: Command): Command {
  return reportDetailOptions(cmd)
    .option(
      '--ignore <pattern>',
      'skip paths matching this gitignore-style pattern in directories (repeatable); ' +
        '.gitignore and .istio2gatewayignore files are honoured too',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      '--config <file>',
      'read options from this file (default: .istio2gateway.yaml if present)',
    )
    .addOption(
      choice(
        '--fail-on <level>',
        'exit 1 when a finding is at or above this level',
        FAIL_ON,
        'error',
      ),
    )
    .option('--no-color', 'no colour in the report (also: NO_COLOR; FORCE_COLOR forces it)')
    .option('--max-file-bytes <bytes>', 'largest input file read', String(16 * 1024 * 1024));
}

/**
 * Options every command that converts shares: target, conversion choices, gate and reading
 * limits.
 */
export function targetOptions(cmd: Command): Command {
  clusterOptions(
    cmd.addOption(
      new Option('-n, --namespace <namespace>', 'namespace of resources that have none').default(
        'default',
      ),
    ),
  )
    .option('--gateway-class <name>', 'gatewayClassName of generated Gateways', 'istio')
    .option(
      '--strict-prefix',
      'emit the exact RegularExpression for Istio string prefixes instead of PathPrefix',
    )
    .addOption(
      new Option(
        '--gateway-strategy <strategy>',
        'one Gateway per Istio Gateway, per set sharing pods, or bound to the existing gateway Service (default per-workload)',
      ).choices(GATEWAY_STRATEGIES),
    )
    .option(
      '--reuse-gateway',
      'alias of --gateway-strategy reuse: bind each Gateway to the existing ingress Service',
    )
    .option(
      '--frontend-validation',
      'write client-certificate validation as spec.tls.frontend where the target has it',
    )
    .addOption(
      choice(
        '--subset-services <mode>',
        'per-subset Services for DestinationRule subsets: create them, or none (only report)',
        ['create', 'none'],
        'create',
      ),
    )
    .option(
      '--backend-tls-policy',
      'write simple TLS origination (DestinationRule tls SIMPLE) as BackendTLSPolicy where the ' +
        'target has it',
    )
    .addOption(
      choice(
        '--mesh <mode>',
        'data plane of the mesh: sidecar, or ambient (adds waypoints and policies for them)',
        ['sidecar', 'ambient'],
        'sidecar',
      ),
    )
    .option(
      '--least-privilege-routes',
      'listeners that admitted every namespace admit only the namespaces whose routes attach',
    )
    .option(
      '--no-residual-virtual-services',
      'drop mesh rules Gateway API cannot express (tls/tcp, fault, directResponse) instead of ' +
        'keeping them in a <name>-residual VirtualService',
    );
  return runOptions(cmd);
}

/** What a long run shows on a terminal: files read, resources converted, probes replayed. */
export interface Progress extends VerifyHooks {
  /** Clears the line. */
  done(): void;
}

/** On a terminal, one self-overwriting line of progress at most every 100 ms; nothing otherwise. */
export function progressReporter(io: CliIO): Progress {
  // A dumb terminal cannot redraw a line.
  if (!io.stderrIsTTY || io.env.TERM === 'dumb') return { done: () => {} };
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
    onProgress: (p) =>
      show(
        `read ${p.filesRead}/${p.files} files, ${p.resources} resources`,
        p.filesRead === p.files,
      ),
    onConverted: (p) =>
      show(
        `converted ${p.converted}/${p.total} Gateways and VirtualServices`,
        p.converted === p.total,
      ),
    onProbes: (p) => show(`replayed ${p.probes} probe requests (at most ${p.max})`, false),
    done: () => {
      if (shown) io.stderr.write('\r\u001b[2K');
      shown = false;
    },
  };
}

/**
 * Colour in the report. `--no-color` and NO_COLOR turn it off, FORCE_COLOR (not `0`/`false`)
 * turns it on off a terminal (CI logs), TERM=dumb turns it off; otherwise only on a terminal.
 */
export function useColor(flags: { color: boolean }, io: CliIO): boolean {
  if (!flags.color || io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (io.env.TERM === 'dumb') return false;
  return io.stderrIsTTY;
}

/** Standard input, streamed and bounded by `--max-file-bytes`, when `-` is among the paths. */
export async function stdinFor(
  paths: readonly string[],
  io: CliIO,
  maxBytes: number,
): Promise<StdinRead | undefined> {
  return paths.includes('-') ? readStdin(io.stdin ?? [], maxBytes) : undefined;
}
/** `--quiet` and `--summary`: how much of the findings report a command prints. */
export interface ReportDetailFlags {
  quiet?: boolean;
  summary?: boolean;
}

export function reportDetailOptions(cmd: Command): Command {
  return cmd
    .option('-q, --quiet', 'print only errors (the exit code still counts every finding)')
    .option('--summary', 'print counts per finding id instead of every finding');
}

/** The findings a report prints: all, or with --quiet only the errors. */
export function shownFindings<F extends Finding>(
  findings: readonly F[],
  flags: ReportDetailFlags,
): F[] {
  return flags.quiet ? findings.filter((f) => f.severity === 'error') : [...findings];
}

/** `--summary`: one line per finding id, most severe first, then by count. */
export function summaryLines(findings: readonly Finding[]): string {
  const byId = new Map<string, { severity: Severity; count: number }>();
  for (const f of findings) {
    const row = byId.get(f.id) ?? { severity: f.severity, count: 0 };
    row.count++;
    byId.set(f.id, row);
  }
  const rows = [...byId].sort(
    ([a, x], [b, y]) =>
      SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity] ||
      y.count - x.count ||
      (a < b ? -1 : 1),
  );
  return rows
    .map(([id, r]) => `${r.severity.padEnd(7)} ${String(r.count).padStart(7)}  ${id}\n`)
    .join('');
}

/** Examples first, as clig.dev asks: appended to a command's --help. */
export function withExamples(cmd: Command, examples: readonly string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}

/** A wrong flag prints the error, commander's suggestion and one line, not the whole help. */
export const HELP_HINT = '(run with --help for usage and examples)';
