// The probe request and the outcome both routers answer with. Both routers speak this one
// vocabulary, so an outcome of the classic model and one of the Gateway API model compare as data.
import { type OriginMatch, originDifferences, originsText } from './cors.js';

/** Where a request enters: a gateway (by the name of the Istio Gateway / Gateway API Gateway) or a mesh client. */
export type Entry =
  | { kind: 'gateway'; namespace: string; name: string }
  /** A sidecar client calling `host` (a Service FQDN or a ServiceEntry host). */
  | { kind: 'mesh'; host: string };

/** Who sends the request: matched by `sourceLabels` / `sourceNamespace` and by GAMMA consumer routes. */
export interface Source {
  namespace: string;
  labels: Record<string, string>;
}

export interface HttpRequest {
  protocol: 'http';
  entry: Entry;
  /** `https` when the listener terminates TLS. */
  scheme: 'http' | 'https';
  port: number;
  /** The Host / :authority header, without port, lower case. */
  host: string;
  /** The path without query. */
  path: string;
  query: Readonly<Record<string, string>>;
  method: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  source: Source;
}

export interface StreamRequest {
  protocol: 'tls' | 'tcp';
  entry: Entry;
  port: number;
  /** TLS SNI (TLS only). */
  sni?: string;
  source: Source;
}

export type Request = HttpRequest | StreamRequest;

/** A backend as both models name it: `<fqdn>:<port>` plus `#<subset>` where a DestinationRule subset applies. */
export interface WeightedBackend {
  id: string;
  /** Share of traffic in ten-thousandths (weights normalised so 50/50 equals 1/1). */
  share: number;
  /** Header changes applied for this backend only, canonical text ('' for none). */
  headers: string;
}

/** The rule that decided an outcome: the resource and field path (`spec.http[2]`, `spec.rules[0]`). */
export interface RouteRef {
  kind: string;
  namespace: string;
  name: string;
  path: string;
  /** For a rule merged in from a delegate (this ref): the root's rule that delegates to it. */
  root?: RouteRef;
}

export interface ForwardOutcome {
  kind: 'forward';
  backends: WeightedBackend[];
  /** Path (and query) sent upstream after rewrites. HTTP only. */
  upstreamPath?: string;
  /** Host sent upstream after rewrites. HTTP only. */
  upstreamHost?: string;
  requestHeaders?: string;
  responseHeaders?: string;
  timeoutMs?: number;
  /** `attempts/perTryMs`; `default` when the mesh default retry policy applies. */
  retry?: string;
  mirrors?: string[];
  /** The CORS policy but its origins (`corsText`), and the origin matchers Envoy applies. */
  cors?: string;
  corsOrigins?: OriginMatch[];
  /** Istio fault injection (no Gateway API equivalent). */
  fault?: string;
}

/** The client certificate a terminating listener asks for: a CA-signed one, optionally, or a mesh one. */
export type ClientCert = 'required' | 'optional' | 'mesh';

export type Outcome = (
  | ForwardOutcome
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'direct'; status: number; body?: string }
  /** No route matched: 404 for HTTP, connection closed for TLS/TCP. */
  | { kind: 'no-route' }
  /** Nothing listens on that port (or the entry does not exist). */
  | { kind: 'no-listener' }
  /** The simulator does not model what decides this request (delegate, unknown fields). */
  | { kind: 'unmodelled'; reason: string }
) & { via?: RouteRef; clientCert?: ClientCert };

export const DEFAULT_SOURCE: Source = { namespace: 'default', labels: {} };

/** One line that names a request: `GET http://a.example.com:80/api?x=1 [h: v] @gateway ns/gw`. */
export function describeRequest(r: Request): string {
  const entry =
    r.entry.kind === 'gateway' ? `gateway ${r.entry.namespace}/${r.entry.name}` : 'mesh';
  const src =
    r.source.namespace !== DEFAULT_SOURCE.namespace || Object.keys(r.source.labels).length
      ? ` from ${r.source.namespace}${
          Object.keys(r.source.labels).length
            ? `{${Object.entries(r.source.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(',')}}`
            : ''
        }`
      : '';
  if (r.protocol !== 'http')
    return `${r.protocol.toUpperCase()} :${r.port}${r.sni ? ` sni=${r.sni}` : ''} @${entry}${src}`;
  const q = Object.entries(r.query);
  const h = Object.entries(r.headers);
  const qs = q.length ? `?${q.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
  const hs = h.length ? ` [${h.map(([k, v]) => `${k}: ${v}`).join(', ')}]` : '';
  return `${r.method} ${r.scheme}://${r.host}:${r.port}${r.path}${qs}${hs} @${entry}${src}`;
}

/** Outcome as text, without `via`: two outcomes are the same behaviour exactly when these are equal. */
export function describeOutcome(o: Outcome): string {
  const text = describeResult(o);
  return o.clientCert ? `${text} [client certificate ${o.clientCert}]` : text;
}

function describeResult(o: Outcome): string {
  switch (o.kind) {
    case 'forward': {
      const parts = [
        o.backends
          .map(
            (b) =>
              `${b.id}${b.share === 10000 ? '' : ` ${(b.share / 100).toFixed(2).replace(/\.?0+$/, '')}%`}${b.headers ? ` {${b.headers}}` : ''}`,
          )
          .join(' + ') || '(no backend)',
      ];
      if (o.upstreamPath !== undefined) parts.push(`path ${o.upstreamPath}`);
      if (o.upstreamHost !== undefined) parts.push(`host ${o.upstreamHost}`);
      if (o.requestHeaders) parts.push(`request headers {${o.requestHeaders}}`);
      if (o.responseHeaders) parts.push(`response headers {${o.responseHeaders}}`);
      if (o.timeoutMs !== undefined) parts.push(`timeout ${o.timeoutMs}ms`);
      if (o.retry !== undefined) parts.push(`retry ${o.retry}`);
      if (o.mirrors?.length) parts.push(`mirror ${o.mirrors.join(', ')}`);
      if (o.cors) parts.push(`cors origins=${originsText(o.corsOrigins ?? [])} ${o.cors}`);
      if (o.fault) parts.push(`fault ${o.fault}`);
      return `→ ${parts.join('; ')}`;
    }
    case 'redirect':
      return `${o.status} redirect to ${o.location}`;
    case 'direct':
      return `${o.status}${o.body !== undefined ? ` "${o.body}"` : ''}`;
    case 'no-route':
      return 'no route (404)';
    case 'no-listener':
      return 'no listener';
    case 'unmodelled':
      return `not modelled: ${o.reason}`;
  }
}

/** The aspects in which two outcomes differ ([] when they are the same behaviour). */
export function outcomeDifferences(a: Outcome, b: Outcome): string[] {
  const cert = a.clientCert !== b.clientCert ? ['client certificate'] : [];
  return [...resultDifferences(a, b), ...cert];
}

function resultDifferences(a: Outcome, b: Outcome): string[] {
  if (a.kind !== b.kind) return ['result'];
  if (a.kind === 'forward' && b.kind === 'forward') {
    const out: string[] = [];
    const same = (x: unknown, y: unknown) =>
      JSON.stringify(x ?? null) === JSON.stringify(y ?? null);
    if (!sameBackends(a.backends, b.backends)) out.push('backends');
    if (!same(a.upstreamPath, b.upstreamPath)) out.push('path');
    if (!same(a.upstreamHost, b.upstreamHost)) out.push('host');
    if (!same(a.requestHeaders || undefined, b.requestHeaders || undefined))
      out.push('request headers');
    if (!same(a.responseHeaders || undefined, b.responseHeaders || undefined))
      out.push('response headers');
    if (!same(a.timeoutMs, b.timeoutMs)) out.push('timeout');
    if (!same(a.retry, b.retry)) out.push('retry');
    if (!same(a.mirrors?.length ? a.mirrors : undefined, b.mirrors?.length ? b.mirrors : undefined))
      out.push('mirror');
    if (
      !same(a.cors || undefined, b.cors || undefined) ||
      originDifferences(a.corsOrigins ?? [], b.corsOrigins ?? []).length
    )
      out.push('cors');
    if (!same(a.fault, b.fault)) out.push('fault');
    return out;
  }
  return describeResult(a) === describeResult(b) ? [] : ['result'];
}

/**
 * Backends compare by id and share; a classic destination without a port (`host:*`, the port is
 * the Service's only one) equals the same host on any port.
 */
function sameBackends(a: WeightedBackend[], b: WeightedBackend[]): boolean {
  if (a.length !== b.length) return false;
  const key = (x: WeightedBackend[], wildPorts: Set<string>) =>
    x
      .map((w) => `${hostOfId(w.id, wildPorts)}|${w.share}|${w.headers}`)
      .sort()
      .join('\n');
  const wild = new Set<string>();
  for (const w of [...a, ...b])
    if (w.id.split('#')[0]!.endsWith(':*')) wild.add(w.id.split('#')[0]!.slice(0, -2));
  return key(a, wild) === key(b, wild);
}

function hostOfId(id: string, wildPorts: Set<string>): string {
  const [hp, subset] = id.split('#') as [string, string | undefined];
  const i = hp.lastIndexOf(':');
  const host = i < 0 ? hp : hp.slice(0, i);
  const withPort = wildPorts.has(host) ? `${host}:*` : hp;
  return subset ? `${withPort}#${subset}` : withPort;
}

/** Splits weights into shares of 10000 (largest remainder, so they always add up). */
export function toShares(weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (w * 10000) / total);
  const floor = raw.map(Math.floor);
  let rest = 10000 - floor.reduce((s, w) => s + w, 0);
  const order = raw
    .map((r, i) => [r - Math.floor(r), i] as const)
    .sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    floor[i]! += 1;
    rest -= 1;
  }
  return floor;
}
