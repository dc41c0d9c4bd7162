import { existsSync, readFileSync, type Stats, statSync } from 'node:fs';
import { join, normalize, relative, resolve, sep } from 'node:path';
import type { Finding } from '../findings/finding.js';
import type { InputFile } from '../parse/documents.js';
import type { StdinRead } from './stdin.js';
import { directoryWalker, problem, safeRealpath, toPosix } from './walk.js';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

export interface ReadOptions {
  maxFileBytes: number;
  /** Standard input as read (`./stdin.ts`), for the path `-`; none reads as empty. */
  stdin?: StdinRead;
  /** Directories never walked into, such as `--out-dir` inside an input tree. */
  skipDirs?: readonly string[];
  /**
   * gitignore-style patterns, relative to each directory given, that the walk skips (on top of
   * the `.gitignore` and `.istio2gatewayignore` files it finds). Files named directly are read.
   */
  ignore?: readonly string[];
}

export interface ReadInput {
  files: InputFile[];
  findings: Finding[];
  /** The directory every input file is under: output paths in `--out-dir` mirror the tree from here. */
  root: string;
}

/**
 * Reads the given paths: files as named, directories recursively (`.yaml`, `.yml`, `.json`;
 * hidden folders and node_modules skipped), `-` for stdin. Never throws: a file that cannot be
 * read is a finding and the others are still read. Files come back sorted by path.
 */
export function readInputs(paths: readonly string[], opts: ReadOptions): ReadInput {
  const out: ReadInput = { files: [], findings: [], root: '.' };
  const walker = directoryWalker(
    {
      accept: (name) => MANIFEST_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)),
      ignore: opts.ignore ?? [],
      skipDirs: opts.skipDirs ?? [],
      refuse: (dir, names) => (names.includes('Chart.yaml') ? helmChart(dir) : undefined),
    },
    (f) => out.findings.push(f),
  );
  const found: string[] = [];
  const dirsAndFiles: string[] = [];
  let stdin = false;
  for (const p of paths) {
    if (p === '-') {
      stdin = true;
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      out.findings.push(
        problem(
          'file-unreadable',
          toPosix(p),
          `cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`,
        ),
      );
      continue;
    }
    if (!st.isDirectory() && !st.isFile()) {
      out.findings.push(problem('file-unreadable', toPosix(p), notAFile(st)));
      continue;
    }
    const chart = st.isDirectory() ? undefined : chartOf(p);
    if (chart !== undefined) {
      out.findings.push(helmChart(chart));
      continue;
    }
    dirsAndFiles.push(st.isDirectory() ? p : resolve(p, '..'));
    if (st.isDirectory()) walker.walk(p);
    else found.push(p);
  }
  out.root = commonRoot(dirsAndFiles);
  for (const path of onePerFile([...found, ...walker.files])) {
    const file = toPosix(path);
    try {
      const st = statSync(path);
      if (st.size > opts.maxFileBytes) {
        out.findings.push(
          problem(
            'file-too-large',
            file,
            `${st.size} bytes is over the limit of ${opts.maxFileBytes} bytes (--max-file-bytes)`,
          ),
        );
        continue;
      }
      const bytes = readFileSync(path);
      const text = decode(bytes);
      if (text === undefined) {
        out.findings.push(
          problem(
            'binary-file',
            file,
            'the file is not UTF-8 text, so it is not a YAML or JSON manifest',
          ),
        );
        continue;
      }
      out.files.push(hasBom(bytes) ? { file, text, bom: true } : { file, text });
    } catch (e) {
      out.findings.push(
        problem(
          'file-unreadable',
          file,
          `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        ),
      );
    }
  }
  if (stdin) readStdinInput(opts, out);
  return out;
}

function readStdinInput(opts: ReadOptions, out: ReadInput): void {
  const got = opts.stdin ?? { bytes: Buffer.alloc(0) };
  if ('overLimit' in got) {
    const message = `standard input is over the limit of ${opts.maxFileBytes} bytes (--max-file-bytes); reading stopped after ${got.overLimit} bytes`;
    out.findings.push(problem('file-too-large', '-', message));
    return;
  }
  const text = decode(got.bytes);
  if (text === undefined) {
    out.findings.push(
      problem(
        'binary-file',
        '-',
        'standard input is not UTF-8 text, so it is not a YAML or JSON manifest',
      ),
    );
    return;
  }
  out.files.push({ file: '-', text });
}

/**
 * The Helm chart a template file belongs to: the nearest directory above it with a Chart.yaml,
 * when the file is under that chart's templates/ (a values.yaml next to Chart.yaml is read).
 */
function chartOf(file: string): string | undefined {
  let dir = resolve(file, '..');
  for (let depth = 0; depth < 16; depth++) {
    const parent = resolve(dir, '..');
    if (existsSync(join(parent, 'Chart.yaml')) && dir === join(parent, 'templates')) return parent;
    if (existsSync(join(dir, 'Chart.yaml')) || parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function helmChart(dir: string): Finding {
  const f = problem(
    'helm-chart',
    toPosix(join(dir, 'Chart.yaml')),
    `${toPosix(dir)} is a Helm chart: its templates are not manifests until Helm renders them, ` +
      'so the chart was not read',
  );
  f.hint =
    `render it and convert the output: helm template <release> ${toPosix(dir)} ` +
    '[-f values.yaml] | istio2gateway convert -';
  return f;
}

const hasBom = (b: Buffer): boolean => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/** Why a path that is neither a file nor a directory is not read: a FIFO or device may never end. */
function notAFile(st: Stats): string {
  const device = st.isCharacterDevice() || st.isBlockDevice();
  const what = st.isFIFO()
    ? 'a named pipe (FIFO)'
    : device
      ? 'a device'
      : st.isSocket()
        ? 'a socket'
        : 'not a regular file';
  return `not read: it is ${what}, not a file or directory (to read a stream, pipe it to standard input: -)`;
}

/**
 * Each file once, however it was spelled (`tree` and `./tree/a.yaml`, or a link to a file also
 * listed): sorted by normalised path, the first name of each real file is kept.
 */
function onePerFile(paths: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of [...new Set(paths.map((x) => normalize(x)))].sort()) {
    const real = safeRealpath(p);
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(p);
  }
  return out;
}

function decode(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** The deepest directory that holds every path (resolved), or `.` when there is none. */
function commonRoot(dirs: string[]): string {
  if (dirs.length === 0) return '.';
  const split = dirs.map((d) => resolve(d).split(sep));
  const first = split[0]!;
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && i < parts.length && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join(sep) || sep;
}

/** Where an input file's output goes under `--out-dir`: its path below the common root. */
export function outputPathFor(file: string, root: string): string {
  if (file === '-') return 'stdin.yaml';
  const rel = toPosix(relative(root, resolve(file)));
  return rel.startsWith('..') ? toPosix(file).replace(/^(\.\.\/)+/, '') : rel;
}

/**
 * Output paths under `--out-dir` for the given input files. Standard input's is `stdin.yaml`,
 * or `stdin-2.yaml`, `stdin-3.yaml`, … when that name is another input's output, so it never
 * overwrites the output of a file named `stdin.yaml`.
 */
export function outputPaths(files: readonly string[], root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) if (f !== '-') out.set(f, outputPathFor(f, root));
  if (files.includes('-')) {
    const taken = new Set([...out.values()].map((p) => p.toLowerCase()));
    let name = 'stdin.yaml';
    for (let n = 2; taken.has(name); n++) name = `stdin-${n}.yaml`;
    out.set('-', name);
  }
  return out;
}
