import { type Command, Option } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { compareFindings } from '../findings/finding.js';
import { codemodPaths, writeChanges } from '../codemod/paths.js';
import type { CodemodResource } from '../codemod/codemod.js';
import type { KeptResource } from '../convert.js';
import { formatTextReport, summarize } from '../emit/report-text.js';
import { buildJsonReport, formatJsonReport } from '../emit/report-json.js';
import { targetOf } from '../options.js';
import { type CliIO, type ConversionFlags, exitCodeFor, resolveOptions, targetOptions, UsageError, VERSION } from './main.js';
import { append } from '../collections.js';

interface CodemodFlags extends ConversionFlags {
  write?: boolean;
  reportFormat?: 'text' | 'json';
}

function asKept(r: CodemodResource): KeptResource {
  return { kind: r.kind, namespace: r.namespace, name: r.name, file: r.file, line: r.line, reason: r.reason ?? '', object: {} };
}

/** `istio2gateway codemod <paths…>`: the unified diff of the rewrite on stdout (or `--write`), findings on stderr. */
export function runCodemod(paths: string[], flags: CodemodFlags, io: CliIO): number {
  if (paths.length === 0) throw new UsageError('no input: name TypeScript files or directories');
  const options = resolveOptions(flags);
  const { maxFileBytes: _unused, ...convertOptions } = options;
  const result = codemodPaths(paths, { ...convertOptions, root: process.cwd() });
  const findings = [...result.findings];
  if (flags.write) {
    const outcome = writeChanges(result.changes);
    append(findings, outcome.findings);
    io.stderr.write(`${outcome.written.length} file(s) rewritten\n`);
  } else {
    for (const c of result.changes) io.stdout.write(createTwoFilesPatch(`a/${c.file}`, `b/${c.file}`, c.before, c.after, '', '', { context: 3 }).replace(/^(Index: .*\n)?=+\n/, ''));
  }
  findings.sort(compareFindings);
  const kept = result.kept.map(asKept);
  const summary = summarize(findings, result.generated, kept.length, result.converted.length);
  const color = flags.color && io.stderrIsTTY && !io.env.NO_COLOR;
  io.stderr.write(flags.reportFormat === 'json' ? formatJsonReport(buildJsonReport(VERSION, targetOf(options), summary, findings, kept)) : formatTextReport(findings, kept, summary, { color }));
  return exitCodeFor(findings, flags.failOn);
}

export function registerCodemod(program: Command, io: CliIO, setExit: (code: number) => void): void {
  targetOptions(
    program
      .command('codemod')
      .description('rewrite Istio resources written in TypeScript (object literals, @kubernetes-models/istio, Pulumi, cdk8s) as Gateway API code; prints the diff')
      .argument('[paths...]', 'TypeScript files, or directories (read recursively)'),
  )
    .option('--write', 'rewrite the files in place (atomically, only files that change)')
    .addOption(new Option('--report-format <format>', 'format of the findings report').choices(['text', 'json']))
    .exitOverride()
    .action((paths: string[], flags: CodemodFlags) => setExit(runCodemod(paths, flags, io)));
}
