// Standard input, read as a stream: `kubectl get … -o yaml | istio2gateway convert -` writes
// slowly, and a synchronous read of a non-blocking pipe fails with EAGAIN. Bounded by
// --max-file-bytes like every file: `convert - </dev/zero` stops at the limit.

/** Where standard input comes from: `process.stdin`, or chunks in tests. */
export type StdinSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** What was read: all of it, or, when it went past the limit, how far it was read. */
export type StdinRead = { bytes: Buffer } | { overLimit: number };

/**
 * Reads `source` to its end, or stops as soon as more than `maxBytes` came (the rest is never
 * read, so a device or an endless writer cannot fill memory).
 */
export async function readStdin(source: StdinSource, maxBytes: number): Promise<StdinRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    size += buf.length;
    // Leaving the loop ends the iteration: a Node stream is destroyed, nothing more is read.
    if (size > maxBytes) return { overLimit: size };
    chunks.push(buf);
  }
  return { bytes: Buffer.concat(chunks, size) };
}
