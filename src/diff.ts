import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { convert, type ConvertHooks, type ConvertResult } from './convert.js';
import { compareFindings, type Finding } from './findings/finding.js';
import { findingMeta } from './findings/catalog.js';
import type { InputFile } from './parse/documents.js';
import type { ConvertOptions } from './options.js';
import { rewriteInPlace } from './emit/in-place.js';

export interface DiffOptions extends ConvertOptions {
  /** Write each finding as a YAML comment at the field it concerns in the generated documents. */
  annotate?: boolean;
}

/** One file that an in-place conversion (`convert --write`) changes. */
export interface FileChange {
  /** The file's name as given in the input. */
  path: string;
  before: string;
  after: string;
  /** Unified diff from `a/<path>` to `b/<path>` (applies with `git apply` or `patch -p1`). */
  patch: string;
}

export interface DiffResult {
  /** Files whose text changes, in path order. */
  files: FileChange[];
  /** Files with Istio networking resources whose text stays as it is (everything in them is kept). */
  unchanged: string[];
  /** The conversion's findings, and `file-not-rewritten` for files left alone; sorted. */
  findings: Finding[];
  /** The conversion behind the change. */
  conversion: ConvertResult;
}

/**
 * What converting the files in place would change, without writing anything: the library side
 * of `istio2gateway diff` and of `convert --write` (which writes `after` for each file). Pure.
 */
export function diff(
  input: string | readonly InputFile[],
  options: DiffOptions = {},
  hooks: ConvertHooks = {},
): DiffResult {
  const { annotate = false, ...convertOptions } = options;
  const files: InputFile[] =
    typeof input === 'string' ? [{ file: '<input>', text: input }] : [...input];
  return diffConversion(files, convert(files, convertOptions, hooks), annotate);
}

/** A file `convert --write` changes, before the patch is written (`rewriteInPlaceAll`). */
export type Rewrite = Omit<FileChange, 'patch'> & { bom: boolean };

/** What converting in place does to each file, without the patches (they cost the most). */
export interface RewriteResult extends Omit<DiffResult, 'files'> {
  files: Rewrite[];
}

/**
 * The files a conversion already done over `files` rewrites, and those it leaves alone; the
 * playground shows these and writes a patch only when asked (`unifiedDiff`).
 */
export function rewriteInPlaceAll(
  files: readonly InputFile[],
  conversion: ConvertResult,
  annotate = false,
): RewriteResult {
  const textOf = new Map(files.map((f) => [f.file, f.text]));
  const boms = new Set(files.filter((f) => f.bom).map((f) => f.file));
  const out: RewriteResult = {
    files: [],
    unchanged: [],
    findings: [...conversion.findings],
    conversion,
  };
  for (const output of conversion.files) {
    const before = textOf.get(output.file);
    if (before === undefined) continue;
    const rewritten = rewriteInPlace(before, output, conversion.findings, { annotate });
    if ('refused' in rewritten) {
      out.findings.push({
        id: 'file-not-rewritten',
        severity: findingMeta('file-not-rewritten').severity,
        message: `${output.file}: ${rewritten.refused}`,
        source: { file: output.file, line: 1, column: 1 },
      });
      continue;
    }
    if (rewritten.text === before) out.unchanged.push(output.file);
    else
      out.files.push({
        path: output.file,
        before,
        after: rewritten.text,
        bom: boms.has(output.file),
      });
  }
  out.findings.sort(compareFindings);
  return out;
}

/** `diff` of a conversion already done over `files`, so its caller can reuse it (verify). */
export function diffConversion(
  files: readonly InputFile[],
  conversion: ConvertResult,
  annotate = false,
): DiffResult {
  const rewrites = rewriteInPlaceAll(files, conversion, annotate);
  return {
    ...rewrites,
    files: rewrites.files.map(({ path, before, after, bom }) => {
      // The file on disk starts with its byte-order mark, and --write keeps it: so must the
      // patch's lines.
      const mark = bom ? '\uFEFF' : '';
      return { path, before, after, patch: unifiedDiff(path, mark + before, mark + after) };
    }),
  };
}

/** A unified diff with `a/` and `b/` prefixes and three lines of context, as git prints it. */
export function unifiedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}
