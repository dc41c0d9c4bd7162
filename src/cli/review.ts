// One conversion, every output: what the GitHub Action (and `diff --changed-since`) needs.
// Deliberately free of the command-line parser and the codemod, so the Action's bundle is small.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { convertInput, readInput } from '../convert.js';
import { diffConversion, type DiffResult } from '../diff.js';
import { compareFindings, type Finding } from '../findings/finding.js';
import type { ResolvedOptions } from '../options.js';
import { readInputs } from '../read/files.js';
import { formatReport } from '../report.js';
import type { ScopeSummary, SourceLinks, VerifySummary } from '../emit/report-markdown.js';
import { formatAnnotations } from '../emit/report-annotations.js';
import { describeOutcome, type Outcome } from '../routing/request.js';
import { verify, type VerifyHooks } from '../verify/verify.js';
import { changedFiles, isChanged } from './changed-files.js';
import { exitCodeFor, type FailOn } from './common.js';

export interface ReviewSettings {
  paths: readonly string[];
  /** Paths are relative to it, and so are the reported file names. */
  cwd: string;
  options: ResolvedOptions;
  /** gitignore-style patterns the walk skips, relative to each directory given (`--ignore`). */
  ignore?: readonly string[];
  /** Only report findings and diffs of files changed since this git ref. */
  changedSince?: string;
  verify?: boolean;
  maxProbes?: number;
  failOn: FailOn;
  links?: SourceLinks;
  hooks?: VerifyHooks;
  /** Findings as YAML comments in the diffs (`diff --annotate`). */
  annotate?: boolean;
}

export interface Review {
  /** The diff, limited to the changed files under `changedSince`. */
  result: DiffResult;
  /** Every input file read, as reported (relative to `cwd`). */
  files: string[];
  /** Findings of reading and converting (limited like `result`), sorted. */
  findings: Finding[];
  scope?: ScopeSummary;
  verify?: VerifySummary;
  exitCode: number;
  markdown(maxChars?: number): string;
  sarif(): string;
  json(): string;
  annotations(): string;
}

/** Reads, converts and diffs once (and verifies the same conversion); formats on demand. */
export function review(s: ReviewSettings): Review {
  const read = readInputs(
    s.paths.map((p) => resolve(s.cwd, p)),
    { maxFileBytes: s.options.maxFileBytes, ignore: s.ignore ?? [] },
  );
  const files = read.files.map((f) => ({ ...f, file: displayPath(f.file, s.cwd) }));
  const input = readInput(files, s.options, s.hooks);
  const conversion = convertInput(input, s.hooks);
  let result = diffConversion(input.files, conversion, Boolean(s.annotate));
  let findings = [...read.findings.map((f) => relocate(f, s.cwd)), ...result.findings];
  let scope: ScopeSummary | undefined;
  if (s.changedSince) {
    const names = files.map((f) => f.file);
    const limited = limitToChanged(s.changedSince, s.cwd, names, result, findings);
    ({ result, findings, scope } = limited);
  }
  findings.sort(compareFindings);
  const summary = s.verify ? verifySummary(files, input, conversion, s) : undefined;
  const links = s.links ? { links: s.links } : {};
  const extra = { ...links, ...(scope ? { scope } : {}), ...(summary ? { verify: summary } : {}) };
  return {
    result,
    files: files.map((f) => f.file),
    findings,
    ...(scope ? { scope } : {}),
    ...(summary ? { verify: summary } : {}),
    // Unexplained request changes break the promise, whatever fail-on says.
    exitCode: Math.max(exitCodeFor(findings, s.failOn), unexplained(summary) ? 1 : 0),
    markdown: (maxChars) =>
      formatReport(result, 'markdown', { findings, ...extra, ...(maxChars ? { maxChars } : {}) }),
    sarif: () => formatReport(result, 'sarif', { findings }),
    json: () => formatReport(result, 'json', { findings }),
    annotations: () => formatAnnotations(findings),
  };
}

const unexplained = (v: VerifySummary | undefined) => v !== undefined && v.changed > v.explained;

function verifySummary(
  files: ReturnType<typeof readInput>['files'],
  input: ReturnType<typeof readInput>,
  conversion: ReturnType<typeof convertInput>,
  s: ReviewSettings,
): VerifySummary {
  const v = verify(files, undefined, {
    ...s.options,
    read: input,
    conversion,
    ...(s.maxProbes ? { maxProbes: s.maxProbes } : {}),
    ...(s.hooks ? { hooks: s.hooks } : {}),
  });
  const text = (o: Outcome) => describeOutcome(o).replace(/^→ /, '');
  const silent = v.changes.filter((c) => !c.explainedBy);
  return {
    probes: v.probes,
    truncated: v.truncated,
    changed: v.changes.length,
    explained: v.changes.length - silent.length,
    unexplained: silent.slice(0, 10).map((c) => ({
      request: c.requestText,
      before: text(c.before),
      after: text(c.after),
    })),
  };
}

/** The diff and findings of the files changed since `ref`; the rest only counted. */
export function limitToChanged(
  ref: string,
  cwd: string,
  inputFiles: readonly string[],
  result: DiffResult,
  findings: readonly Finding[],
): { result: DiffResult; findings: Finding[]; scope: ScopeSummary } {
  const changed = changedFiles(ref, cwd);
  const inScope = (file: string | undefined) => Boolean(file) && isChanged(changed, cwd, file!);
  const kept = findings.filter((f) => inScope(f.source?.file));
  const files = result.files.filter((f) => inScope(f.path));
  const changedInputs = inputFiles.filter((f) => inScope(f)).length;
  const keptResources = result.conversion.kept.filter((k) => inScope(k.file));
  const conversion = { ...result.conversion, kept: keptResources };
  const unchanged = result.unchanged.filter(inScope);
  return {
    result: { ...result, files, unchanged, findings: kept, conversion },
    findings: kept,
    scope: {
      since: ref,
      changedFiles: changedInputs,
      otherFiles: inputFiles.length - changedInputs,
      otherFindings: findings.length - kept.length,
      otherDiffs: result.files.length - files.length,
    },
  };
}

/** `a/k8s/app.yaml`, not `/home/me/repo/k8s/app.yaml`: names relative to the working directory. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, file));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}

function relocate(f: Finding, cwd: string): Finding {
  return f.source ? { ...f, source: { ...f.source, file: displayPath(f.source.file, cwd) } } : f;
}
