// The playground's state in the URL fragment, so an issue report can link a reproduction. The
// fragment never reaches a server (browsers do not send it), and nothing else is sent anywhere:
// the state is JSON, compressed with the platform's CompressionStream ('deflate-raw'), base64url.
import type { ConvertOptions } from '../browser.js';

/** What a shared link restores: the input and every option that differs from its default. */
export interface PlaygroundState {
  input: string;
  options: ConvertOptions;
  /** The tab on show: output, findings, verify or diff. */
  tab?: string;
}

/** The fragment's key: `#s=<data>`; other fragments are left to the page. */
const KEY = 's=';

async function pipe(bytes: Uint8Array, stream: GenericTransformStream): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (with its `#`) that `decodeState` turns back into `state`. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return `#${KEY}${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
}

/**
 * The state in a fragment (`location.hash`); undefined when the fragment holds none. A damaged
 * fragment throws, with a message for the page to show.
 */
export async function decodeState(hash: string): Promise<PlaygroundState | undefined> {
  const fragment = hash.replace(/^#/, '');
  if (!fragment.startsWith(KEY)) return undefined;
  let parsed: unknown;
  try {
    const bytes = await pipe(
      fromBase64Url(fragment.slice(KEY.length)),
      new DecompressionStream('deflate-raw'),
    );
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('the shared link is damaged (cut short when copied?)');
  }
  const s = parsed as Partial<PlaygroundState> | null;
  if (!s || typeof s.input !== 'string' || typeof s.options !== 'object' || !s.options) {
    throw new Error('the shared link holds no playground state');
  }
  return { input: s.input, options: s.options, ...(s.tab ? { tab: String(s.tab) } : {}) };
}
