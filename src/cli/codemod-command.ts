import { type Command, Option } from 'commander';
import type { CodemodResource } from '../codemod/codemod.js';
import type { KeptResource } from '../convert.js';
import { targetOf } from '../target.js';
import {
  type CliIO,
  type ConversionFlags,
  exitCodeFor,
  resolveOptions,
  type SetExit,
  targetOptions,
  UsageError,
  useColor,
  withExamples,
  HELP_HINT,
} from './common.js';

interface CodemodFlags extends ConversionFlags {
  write?: boolean;
  reportFormat?: 'text' | 'json';
}

function asKept(r: CodemodResource): KeptResource {
  return {
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    file: r.file,
    line: r.line,
    reason: r.reason ?? '',
    object: {},
  };
}

/** `istio2gateway codemod <paths…>`: the unified diff of the rewrite on stdout (or `--write`), findings on stderr. */
export async function runCodemod(paths: string[], flags: CodemodFlags, io: CliIO): Promise<number> {
  if (paths.length === 0) throw new UsageError('no input: name TypeScript files or directories');
  // Each object in code is rewritten in place by its own Gateway unless a strategy is asked for.
  const strategy = flags.gatewayStrategy ?? (flags.reuseGateway ? undefined : 'per-gateway');
  const options = await resolveOptions({
    ...flags,
    ...(strategy ? { gatewayStrategy: strategy } : {}),
  });
  const { codemodPaths, writeChanges } = await loadCodemod();
  const [{ createTwoFilesPatch }, { compareFindings }, { append }] = await Promise.all([
    import('diff'),
    import('../findings/finding.js'),
    import('../collections.js'),
  ]);
  const [{ formatTextReport, summarize }, { buildJsonReport, formatJsonReport }, { VERSION }] =
    await Promise.all([
      import('../emit/report-text.js'),
      import('../emit/report-json.js'),
      import('../version.js'),
    ]);
  const { maxFileBytes: _unused, ...convertOptions } = options;
  const result = codemodPaths(paths, {
    ...convertOptions,
    root: process.cwd(),
    ignore: flags.ignore,
  });
  const findings = [...result.findings];
  if (flags.write) {
    const outcome = writeChanges(result.changes);
    append(findings, outcome.findings);
    io.stderr.write(`${outcome.written.length} file(s) rewritten\n`);
  } else {
    for (const c of result.changes)
      io.stdout.write(
        createTwoFilesPatch(`a/${c.file}`, `b/${c.file}`, c.before, c.after, '', '', {
          context: 3,
        }).replace(/^(Index: .*\n)?=+\n/, ''),
      );
  }
  findings.sort(compareFindings);
  const kept = result.kept.map(asKept);
  const summary = summarize(findings, result.generated, kept.length, result.converted.length);
  const color = useColor(flags, io);
  io.stderr.write(
    flags.reportFormat === 'json'
      ? formatJsonReport(buildJsonReport(VERSION, targetOf(options), summary, findings, kept))
      : formatTextReport(findings, kept, summary, { color }),
  );
  return exitCodeFor(findings, flags.failOn);
}

/** The codemod needs ts-morph, an optional peer dependency: say how to get it when missing. */
async function loadCodemod(): Promise<typeof import('../codemod/paths.js')> {
  try {
    return await import('../codemod/paths.js');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && /ts-morph/.test((e as Error).message)) {
      throw new UsageError(
        'the codemod needs ts-morph: npm install ts-morph (it is an optional peer dependency)',
      );
    }
    throw e;
  }
}

export function registerCodemod(program: Command, io: CliIO, setExit: SetExit): void {
  const cmd = targetOptions(
    program
      .command('codemod')
      .description(
        'rewrite Istio resources written in TypeScript (object literals, ' +
          '@kubernetes-models/istio, Pulumi, cdk8s) as Gateway API code; prints the diff',
      )
      .argument('[paths...]', 'TypeScript files, or directories (read recursively)'),
  )
    .option('--write', 'rewrite the files in place (atomically, only files that change)')
    .addOption(
      new Option('--report-format <format>', 'format of the findings report').choices([
        'text',
        'json',
      ]),
    )
    .showHelpAfterError(HELP_HINT)
    .exitOverride()
    .action(async (paths: string[], flags: CodemodFlags) =>
      setExit(await runCodemod(paths, flags, io)),
    );
  withExamples(cmd, [
    'istio2gateway codemod infra/            # the unified diff of the rewrite',
    'istio2gateway codemod infra/ --write    # rewrite the files in place',
  ]);
}
