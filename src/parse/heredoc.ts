// Shell here-documents that feed kubectl, as istio.io, READMEs and runbooks show manifests:
// `kubectl apply -f - <<EOF` … `EOF`, or `cat <<EOF | kubectl apply -f -` … `EOF`. A file that is
// not YAML but holds such blocks is read as the YAML inside them. Its other lines (prompts,
// commands, their output, Markdown) are blanked, and the line that opens or closes a block
// becomes a `---` document marker; each line keeps its length, so every offset, line and column
// of what is read is where it is in the file as written.

/** `<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"`, `<<\EOF`: the delimiter word is group 2. */
const OPENER = /<<-?\s*(['"]?)\\?([A-Za-z_][A-Za-z0-9_]*)\1/;
const KUBECTL = /\bkubectl\b/;
/** `kubectl … -n ns` / `--namespace=ns`: where kubectl puts the objects that name none. */
const NAMESPACE_FLAG = /\s(?:-n|--namespace)(?:\s+|=)([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(?=\s|$)/;

export interface Heredocs {
  /** The file's text with everything but the kubectl here-documents blanked (same length). */
  text: string;
  /** How many here-documents were found. */
  blocks: number;
  /** The 1-based line of the first one's opening command. */
  firstLine: number;
  /** The `-n` namespace of the block around a text offset, when its command names one. */
  namespaceAt: (offset: number) => string | undefined;
}

/** The kubectl here-documents of `text`, or undefined when it has none. */
export function kubectlHeredocs(text: string): Heredocs | undefined {
  let firstLine = 0;
  let delimiter: string | undefined;
  let offset = 0;
  const blocks: { start: number; end: number; namespace?: string }[] = [];
  const lines = text.split('\n').map((raw, i) => {
    const at = offset;
    offset += raw.length + 1;
    const cr = raw.endsWith('\r') ? '\r' : '';
    const line = cr ? raw.slice(0, -1) : raw;
    if (delimiter !== undefined) {
      if (line.trim() !== delimiter) return raw;
      delimiter = undefined;
      blocks[blocks.length - 1]!.end = at;
      return marker(line.length) + cr;
    }
    const open = KUBECTL.test(line) ? OPENER.exec(line) : null;
    if (!open) return ' '.repeat(line.length) + cr;
    delimiter = open[2];
    const ns = NAMESPACE_FLAG.exec(line.slice(line.search(KUBECTL)))?.[1];
    blocks.push({ start: at, end: text.length, ...(ns ? { namespace: ns } : {}) });
    if (!firstLine) firstLine = i + 1;
    return marker(line.length) + cr;
  });
  if (!blocks.length) return undefined;
  return {
    text: lines.join('\n'),
    blocks: blocks.length,
    firstLine,
    namespaceAt: (o) => blocks.find((b) => b.start <= o && o < b.end)?.namespace,
  };
}

/** A `---` document marker as long as the line it replaces (blank when that is shorter). */
function marker(length: number): string {
  return length >= 3 ? `---${' '.repeat(length - 3)}` : ' '.repeat(length);
}
