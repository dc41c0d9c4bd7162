// Probe requests, drawn from BOTH configurations: every entry point (gateway port, mesh host),
// every host, the boundary variants of every path value, and header / query / method values that
// match, that do not, and that are absent. Deterministic and streamed: nothing unbounded is built.
import { flattenDelegates } from './delegation.js';
import type { ConfigIndex } from '../model/index.js';
import type { VirtualService } from '../model/resources.js';
import { resolveShortHost } from '../model/index.js';
import type { HTTPRoute, K8sObject, Listener, ParentReference } from '../gateway-api/types.js';
import {
  compileIstioMatch,
  resolveGatewayRef,
  serverFamily,
  splitServerHost,
} from './classic-router.js';
import { compileGrpcRouteMatch, compileHttpRouteMatch } from './gateway-api-router.js';
import { HostPatternIndex, matchString, trimTrailingSlash, type StringMatcher } from './match.js';
import { clientPortOf, gatewayServices, serversOnClientPort } from './gateway-ports.js';
import { regexNonMatch, regexSamples } from './regex-samples.js';
import type { CompiledMatch } from './route-table.js';
import type { Entry, HttpRequest, Request, Source } from './request.js';

export interface ProbeOptions {
  /** At most this many probes in all (default 100000): a budget shared fairly by the batches. */
  maxProbes?: number;
  /** A Gateway that replaces Istio Gateways of other names: probed through them, not by itself. */
  standsForOthers?: (namespace: string, name: string) => boolean;
  /** Filled in as probing starts: how the probes were chosen. */
  stats?: ProbeStats;
}

/** How the probe requests were chosen: all candidates, or an even sample of some batches. */
export interface ProbeStats {
  /** Batches of requests: one per entry point × port × host (× source for mesh hosts). */
  batches: number;
  /** At most this many candidate requests in all batches (paths × request profiles, duplicates included). */
  candidates: number;
  /** Batches with more candidates than their share of `maxProbes`: sampled evenly, not all replayed. */
  sampledBatches: number;
}

/** The parts of a request a match can ask for, besides path and host. */
export interface Profile {
  method: string;
  headers: Record<string, string>;
  query: Record<string, string>;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];
export const UNMATCHED_HOST = 'no-such-host.invalid';

/** A concrete host for a host pattern: `*.a.com` → `probe.a.com`, `*` → `any-host.example`. */
export function concreteHost(pattern: string): string {
  const p = pattern.toLowerCase();
  if (p === '*') return 'any-host.example';
  if (p.startsWith('*.')) return `probe${p.slice(1)}`;
  if (p.startsWith('*')) return `probe${p.slice(1)}`;
  return p;
}

/** Boundary variants of the path conditions of `matches`, plus `/` and a path nothing asks for. */
export function pathCandidates(matches: readonly CompiledMatch[]): string[] {
  const out = new Set<string>(['/', '/zz-unmatched']);
  const variants = (v: string, ignoreCase?: boolean) => {
    if (!v.startsWith('/')) v = `/${v}`;
    const trimmed = trimTrailingSlash(v);
    for (const x of [
      v,
      `${trimmed}/x`,
      `${trimmed}x`,
      trimmed,
      trimmed === '/' ? '/' : `${trimmed}/`,
    ])
      out.add(x);
    if (ignoreCase || /[a-z]/.test(v)) out.add(v.toUpperCase());
  };
  for (const m of matches) {
    const p = m.path;
    if (!p) continue;
    if (p.type === 'regex') {
      const samples = regexSamples(p.value, 3, 'ignoreCase' in p && p.ignoreCase);
      for (const s of samples) {
        if (!s.startsWith('/')) continue;
        out.add(s);
        out.add(`${s}/x`);
        out.add(`${s}x`);
      }
      const miss = regexNonMatch(p.value, samples);
      if (miss !== undefined && miss.startsWith('/')) out.add(miss);
    } else variants(p.value, 'ignoreCase' in p && p.ignoreCase);
  }
  return [...out].sort();
}

function sampleValue(m: StringMatcher): string | undefined {
  switch (m.type) {
    case 'present':
      return 'present';
    case 'exact':
      return m.value;
    case 'prefix':
      return `${m.value}z`;
    case 'regex':
      return regexSamples(m.value, 1, m.ignoreCase)[0];
  }
}

function missValue(m: StringMatcher): string | undefined {
  const candidates =
    m.type === 'regex'
      ? [regexNonMatch(m.value, regexSamples(m.value, 1)) ?? 'zz-none']
      : m.type === 'present'
        ? []
        : [`${m.value}-no`, `no-${m.value}`, 'zz-none'];
  return candidates.find((c) => !matchString(m, c));
}

/**
 * Profiles that satisfy each match, and that break each one of its conditions in turn
 * (a header with a non-matching value, absent, or present where `withoutHeaders` forbids it).
 */
export function profiles(matches: readonly CompiledMatch[]): Profile[] {
  const out = new Map<string, Profile>();
  for (const p of allProfiles(matches)) out.set(profileKey(p), p);
  return [...out.values()];
}

const profileKey = (p: Profile): string =>
  JSON.stringify([p.method, Object.entries(p.headers).sort(), Object.entries(p.query).sort()]);

/** How many profiles `allProfiles` yields, without making them. */
export function profileCount(matches: readonly CompiledMatch[]): number {
  let n = 1;
  for (const m of matches) {
    const methods = m.method ? METHODS.filter((x) => matchString(m.method!, x)).length + 1 : 1;
    n +=
      1 + Math.max(0, methods - 1) + (m.method ? 1 : 0) + 2 * m.headers.length + 2 * m.query.length;
  }
  return n;
}

/** The profiles of `profiles`, duplicates included, made one at a time. */
function* allProfiles(matches: readonly CompiledMatch[]): Generator<Profile> {
  yield { method: 'GET', headers: {}, query: {} };
  for (const m of matches) {
    const methods = m.method ? METHODS.filter((x) => matchString(m.method!, x)) : ['GET'];
    if (m.method?.type === 'exact' && !methods.includes(m.method.value))
      methods.push(m.method.value);
    const sat: Profile = { method: methods[0] ?? 'GET', headers: {}, query: {} };
    for (const h of m.headers) {
      if (h.invert) continue;
      const v = sampleValue(h.matcher);
      if (v !== undefined) sat.headers[h.name] = v;
    }
    for (const q of m.query) {
      const v = sampleValue(q.matcher);
      if (v !== undefined) sat.query[q.name] = v;
    }
    yield sat;
    for (const method of methods.slice(1)) yield { ...sat, method };
    if (m.method)
      yield { ...sat, method: METHODS.find((x) => !matchString(m.method!, x)) ?? 'TRACE' };
    for (const h of m.headers) {
      if (h.invert) {
        const v = sampleValue(h.matcher);
        if (v !== undefined) yield { ...sat, headers: { ...sat.headers, [h.name]: v } };
        continue;
      }
      const { [h.name]: _, ...without } = sat.headers;
      yield { ...sat, headers: without };
      const miss = missValue(h.matcher);
      if (miss !== undefined) yield { ...sat, headers: { ...sat.headers, [h.name]: miss } };
    }
    for (const q of m.query) {
      const { [q.name]: _, ...without } = sat.query;
      yield { ...sat, query: without };
      const miss = missValue(q.matcher);
      if (miss !== undefined) yield { ...sat, query: { ...sat.query, [q.name]: miss } };
    }
  }
}

/** Every HTTP request for one entry, port and host: path candidates × profiles. */
export function* httpRequests(
  base: Omit<HttpRequest, 'path' | 'method' | 'headers' | 'query'>,
  matches: readonly CompiledMatch[],
): Generator<HttpRequest> {
  const paths = pathCandidates(matches);
  const profs = profiles(matches);
  for (const path of paths)
    for (const p of profs)
      yield { ...base, path, method: p.method, headers: p.headers, query: p.query };
}

/**
 * At most `budget` of the requests of `httpRequests`: first each match's own path variants with
 * the profile that satisfies it (whether that rule still matches is what a conversion changes),
 * then the rest of the budget spread evenly over paths × profiles, every path probed with
 * profiles taken at an even stride. Profiles not taken are never made into requests.
 */
export function* sampledHttpRequests(
  base: Omit<HttpRequest, 'path' | 'method' | 'headers' | 'query'>,
  paths: readonly string[],
  matches: readonly CompiledMatch[],
  budget: number,
): Generator<HttpRequest> {
  const own: HttpRequest[] = [];
  for (const m of matches) {
    const [, sat] = allProfiles([m]);
    if (!sat) continue;
    for (const path of pathCandidates([m]))
      own.push({ ...base, path, method: sat.method, headers: sat.headers, query: sat.query });
  }
  const first = Math.min(own.length, budget);
  for (let k = 0; k < first; k++) yield own[Math.floor((k * own.length) / first)]!;
  yield* stride(base, paths, matches, budget - first);
}

function* stride(
  base: Omit<HttpRequest, 'path' | 'method' | 'headers' | 'query'>,
  paths: readonly string[],
  matches: readonly CompiledMatch[],
  budget: number,
): Generator<HttpRequest> {
  if (budget <= 0) return;
  const total = profileCount(matches);
  const take = Math.max(1, Math.min(total, budget));
  // Profiles at indexes ⌊k·total/take⌋, k < take: an even stride through the generation order.
  const picked: Profile[] = [];
  let i = 0;
  for (const p of allProfiles(matches)) {
    if (Math.floor((picked.length * total) / take) === i) picked.push(p);
    if (picked.length >= take) break;
    i++;
  }
  const pairs = paths.length * picked.length;
  const n = Math.min(budget, pairs);
  for (let k = 0; k < n; k++) {
    const at = Math.floor((k * pairs) / n);
    const p = picked[at % picked.length]!;
    yield {
      ...base,
      path: paths[Math.floor(at / picked.length)]!,
      method: p.method,
      headers: p.headers,
      query: p.query,
    };
  }
}

// ---- entry points of both configurations ----

interface HttpRouteLike extends K8sObject {
  spec: { parentRefs?: ParentReference[]; hostnames?: string[]; rules?: { matches?: unknown[] }[] };
}

type Family = 'http' | 'https' | 'tls' | 'tcp';

interface GatewayPort {
  entry: Entry & { kind: 'gateway' };
  port: number;
  family: Family;
  source: Source;
}

function listenerFamily(l: Listener): Family | undefined {
  if (l.protocol === 'HTTP') return 'http';
  if (l.protocol === 'HTTPS') return l.tls?.mode === 'Passthrough' ? 'tls' : 'https';
  if (l.protocol === 'TLS') return l.tls?.mode === 'Terminate' ? 'tcp' : 'tls';
  if (l.protocol === 'TCP') return 'tcp';
  return undefined;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Gateway entry points: each Istio Gateway (and each Gateway API Gateway without one) × port × protocol. */
export function gatewayPorts(
  index: ConfigIndex,
  objects: readonly K8sObject[],
  standsForOthers: ProbeOptions['standsForOthers'] = () => false,
): GatewayPort[] {
  const out = new Map<string, GatewayPort>();
  const add = (
    namespace: string,
    name: string,
    port: number,
    family: Family | 'other' | undefined,
    labels: Record<string, string>,
  ) => {
    if (!family || family === 'other') return;
    const key = `${namespace}/${name}:${port}:${family}`;
    if (!out.has(key))
      out.set(key, {
        entry: { kind: 'gateway', namespace, name },
        port,
        family,
        source: { namespace, labels },
      });
  };
  const istioNames = new Set(index.gateways.map((g) => g.name));
  const serviceOf = gatewayServices(index);
  // Clients connect to the gateway Service's port in front of each server (gateway-ports.ts).
  for (const gw of index.gateways) {
    const svc = serviceOf(gw);
    for (const s of gw.spec.servers ?? [])
      add(
        gw.namespace,
        gw.name,
        clientPortOf(svc, s.port.number),
        serverFamily(s),
        gw.spec.selector ?? {},
      );
  }
  for (const o of objects) {
    if (o.kind !== 'Gateway' || !o.apiVersion.startsWith('gateway.networking.k8s.io')) continue;
    const g = o as K8sObject & { spec: { listeners?: Listener[] } };
    if (standsForOthers(g.metadata.namespace ?? 'default', g.metadata.name)) continue;
    // A converted Gateway stands for the Istio Gateway of the same name (its namespace may differ in reuse mode).
    const istio =
      index.gateways.find(
        (x) => x.name === g.metadata.name && x.namespace === g.metadata.namespace,
      ) ?? index.gateways.find((x) => x.name === g.metadata.name);
    const namespace = istio?.namespace ?? g.metadata.namespace ?? 'default';
    if (!istio && istioNames.has(g.metadata.name)) continue;
    for (const l of g.spec.listeners ?? [])
      add(namespace, g.metadata.name, l.port, listenerFamily(l), istio?.spec.selector ?? {});
  }
  return [...out.values()].sort(
    (a, b) =>
      cmpStr(`${a.entry.namespace}/${a.entry.name}`, `${b.entry.namespace}/${b.entry.name}`) ||
      a.port - b.port ||
      cmpStr(a.family, b.family),
  );
}

function routesOf(objects: readonly K8sObject[], kinds: string[]): HttpRouteLike[] {
  return objects.filter(
    (o) => kinds.includes(o.kind) && o.apiVersion.startsWith('gateway.networking.k8s.io'),
  ) as HttpRouteLike[];
}

const parentIsGateway = (p: ParentReference, name: string) =>
  (p.group ?? 'gateway.networking.k8s.io') === 'gateway.networking.k8s.io' &&
  (p.kind ?? 'Gateway') === 'Gateway' &&
  p.name === name;

function routeMatches(r: HttpRouteLike): CompiledMatch[] {
  const rules = r.spec.rules ?? [];
  if (r.kind === 'GRPCRoute')
    return rules.flatMap((rule) =>
      ((rule.matches ?? []) as Parameters<typeof compileGrpcRouteMatch>[0][]).map(
        compileGrpcRouteMatch,
      ),
    );
  return rules.flatMap((rule) =>
    ((rule.matches ?? []) as HTTPRoute['spec']['rules'][number]['matches'] & object).map(
      compileHttpRouteMatch,
    ),
  );
}

/**
 * Generates the probe requests of both configurations, at most `maxProbes`. When every batch's
 * candidates fit, all are replayed; else each batch gets a fair share of the budget (small
 * batches all they have, the rest split evenly among the large ones, which are sampled evenly),
 * so the work is bounded by `maxProbes` whatever the size of one VirtualService.
 */
export function* probeRequests(
  index: ConfigIndex,
  objects: readonly K8sObject[],
  options: ProbeOptions = {},
): Generator<Request> {
  const max = options.maxProbes ?? 100_000;
  const sizes: number[] = [];
  for (const b of batches(index, objects, options)) sizes.push(b.size());
  const share = fairShare(sizes, max);
  const stats = options.stats ?? { batches: 0, candidates: 0, sampledBatches: 0 };
  stats.batches = sizes.length;
  stats.candidates = sizes.reduce((a, b) => a + b, 0);
  stats.sampledBatches = sizes.filter((n) => n > share).length;
  let count = 0;
  let i = 0;
  // Requests of different batches never coincide (each batch has its own entry, port and scheme
  // or host, or source), so duplicates are only looked for within a batch: the memory this takes
  // is one batch's, not every probe's.
  for (const b of batches(index, objects, options)) {
    const size = sizes[i++]!;
    const sampled = size > share;
    const seen = new Set<string>();
    for (const r of b.requests(sampled ? share : size)) {
      if (count >= max) return;
      // A sample is drawn by distinct indexes: a rare repeat costs less than keys for all of it.
      if (!sampled) {
        const key = JSON.stringify(r);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      count++;
      yield r;
    }
  }
}

/** The most probes any one batch gets: all batches at most this large fit in `max` together. */
export function fairShare(sizes: readonly number[], max: number): number {
  let left = max;
  const sorted = [...sizes].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i++) {
    const fair = Math.floor(left / (sorted.length - i));
    if (sorted[i]! > fair) return Math.max(1, fair);
    left -= sorted[i]!;
  }
  return Infinity;
}

/** At least `pathCandidates(matches).length`, without sampling regexes: sizes every batch cheaply. */
function pathCountBound(matches: readonly CompiledMatch[]): number {
  let n = 2;
  for (const m of matches) if (m.path) n += m.path.type === 'regex' ? 10 : 6;
  return n;
}

/** One entry point × port × host (× source): its candidate requests, counted before they are made. */
interface Batch {
  size(): number;
  requests(budget: number): Iterable<Request>;
}

const listBatch = (reqs: Request[]): Batch => ({
  size: () => reqs.length,
  requests: (budget) => reqs.slice(0, budget),
});

function httpBatch(
  base: Omit<HttpRequest, 'path' | 'method' | 'headers' | 'query'>,
  matches: () => CompiledMatch[],
): Batch {
  return {
    size: () => {
      const m = matches();
      return pathCountBound(m) * profileCount(m);
    },
    requests: (budget) => {
      const m = matches();
      const paths = pathCandidates(m);
      return paths.length * profileCount(m) <= budget
        ? httpRequests(base, m)
        : sampledHttpRequests(base, paths, m, budget);
    },
  };
}

/** The batches of probe requests of both configurations, in a fixed order. */
function* batches(
  index: ConfigIndex,
  objects: readonly K8sObject[],
  options: ProbeOptions,
): Generator<Batch> {
  const httpRoutes = routesOf(objects, ['HTTPRoute', 'GRPCRoute']);
  const tlsRoutes = routesOf(objects, ['TLSRoute']);
  const gateways = objects.filter(
    (o) => o.kind === 'Gateway' && o.apiVersion.startsWith('gateway.networking.k8s.io'),
  ) as (K8sObject & { spec: { listeners?: Listener[] } })[];

  // Indexes, so that a gateway port or a host never scans the whole configuration.
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  const vssByGateway = new Map<string, VirtualService[]>();
  // Roots with their delegates merged in: the delegates' matches are the root's now.
  for (const vs of index.virtualServices.map((v) => flattenDelegates(index, v).vs)) {
    const keys = new Set((vs.spec.gateways ?? []).map((g) => resolveGatewayRef(g, vs.namespace)));
    for (const r of vs.spec.http ?? [])
      for (const m of r.match ?? [])
        for (const g of m.gateways ?? []) keys.add(resolveGatewayRef(g, vs.namespace));
    for (const k of keys) push(vssByGateway, k, vs);
  }
  const byParentName = (routes: HttpRouteLike[]) => {
    const m = new Map<string, HttpRouteLike[]>();
    for (const r of routes) {
      const names = new Set(
        (r.spec.parentRefs ?? []).filter((p) => parentIsGateway(p, p.name)).map((p) => p.name),
      );
      for (const n of names) push(m, n, r);
    }
    return m;
  };
  const httpRoutesByGateway = byParentName(httpRoutes);
  const tlsRoutesByGateway = byParentName(tlsRoutes);
  const gatewaysByName = new Map<string, typeof gateways>();
  for (const g of gateways) push(gatewaysByName, g.metadata.name, g);

  const serviceOf = gatewayServices(index);
  for (const gp of gatewayPorts(index, objects, options.standsForOthers)) {
    const key = `${gp.entry.namespace}/${gp.entry.name}`;
    const istio = index.gateway(gp.entry.namespace, gp.entry.name);
    const vss = vssByGateway.get(key) ?? [];
    const routes = httpRoutesByGateway.get(gp.entry.name) ?? [];
    const hostPatterns = new Set<string>();
    const onPort = istio ? serversOnClientPort(istio, serviceOf(istio), gp.port) : [];
    for (const s of onPort)
      for (const h of s.hosts) hostPatterns.add(splitServerHost(h, gp.entry.namespace).host);
    for (const g of gatewaysByName.get(gp.entry.name) ?? [])
      for (const l of g.spec.listeners ?? [])
        if (l.port === gp.port) hostPatterns.add(l.hostname ?? '*');
    for (const vs of vss)
      for (const h of vs.spec.hosts ?? []) hostPatterns.add(resolveShortHost(h, vs.namespace));
    for (const r of routes)
      for (const h of r.spec.hostnames ?? []) hostPatterns.add(h.toLowerCase());
    const hosts = [...new Set([...hostPatterns].map(concreteHost)), UNMATCHED_HOST].sort();

    if (gp.family === 'tcp') {
      yield listBatch([{ protocol: 'tcp', entry: gp.entry, port: gp.port, source: gp.source }]);
      continue;
    }
    if (gp.family === 'tls') {
      const snis = new Set(hosts);
      for (const vs of vss)
        for (const t of vs.spec.tls ?? [])
          for (const m of t.match) for (const h of m.sniHosts) snis.add(concreteHost(h));
      for (const r of tlsRoutesByGateway.get(gp.entry.name) ?? [])
        for (const h of r.spec.hostnames ?? []) snis.add(concreteHost(h));
      yield listBatch(
        [...snis].sort().map((sni) => ({
          protocol: 'tls' as const,
          entry: gp.entry,
          port: gp.port,
          sni,
          source: gp.source,
        })),
      );
      continue;
    }
    // The VirtualServices and routes of this port that a host concerns, by host pattern, in order.
    const vsByHost = new HostPatternIndex<VirtualService>();
    for (const vs of vss)
      for (const h of vs.spec.hosts ?? []) vsByHost.add(resolveShortHost(h, vs.namespace), vs);
    const routeByHost = new HostPatternIndex<HttpRouteLike>();
    for (const r of routes)
      for (const h of r.spec.hostnames?.length ? r.spec.hostnames : ['*']) routeByHost.add(h, r);
    for (const host of hosts) {
      const matches = (): CompiledMatch[] => {
        const out: CompiledMatch[] = [];
        for (const vs of vsByHost.lookup(host)) {
          for (const r of vs.spec.http ?? [])
            for (const m of r.match ?? []) out.push(compileIstioMatch(m));
        }
        for (const r of routeByHost.lookup(host)) out.push(...routeMatches(r));
        return out;
      };
      yield httpBatch(
        {
          protocol: 'http',
          entry: gp.entry,
          scheme: gp.family,
          port: gp.port,
          host,
          source: gp.source,
        },
        matches,
      );
    }
  }

  // Mesh: every host a mesh VirtualService or a Service-parented route names.
  const meshHosts = new Map<
    string,
    { ports: Set<number>; matches: CompiledMatch[]; sources: Map<string, Source> }
  >();
  const slot = (host: string) => {
    let s = meshHosts.get(host);
    if (!s) meshHosts.set(host, (s = { ports: new Set(), matches: [], sources: new Map() }));
    return s;
  };
  const addSource = (s: { sources: Map<string, Source> }, src: Source) =>
    s.sources.set(JSON.stringify(src), src);
  for (const vs of index.virtualServices.map((v) => flattenDelegates(index, v).vs)) {
    const gws = vs.spec.gateways?.length ? vs.spec.gateways : ['mesh'];
    const perMatchMesh = (vs.spec.http ?? []).some((r) =>
      (r.match ?? []).some((m) => (m.gateways ?? []).includes('mesh')),
    );
    if (!gws.includes('mesh') && !perMatchMesh) continue;
    if (!vs.spec.http?.length) continue;
    for (const h of vs.spec.hosts ?? []) {
      const fqdn = resolveShortHost(h, vs.namespace);
      if (fqdn.includes('*')) continue;
      const s = slot(fqdn);
      addSource(s, { namespace: vs.namespace, labels: {} });
      for (const r of vs.spec.http ?? []) {
        for (const m of r.match ?? []) {
          s.matches.push(compileIstioMatch(m));
          if (m.port) s.ports.add(m.port);
          if (m.sourceNamespace || m.sourceLabels)
            addSource(s, {
              namespace: m.sourceNamespace ?? vs.namespace,
              labels: m.sourceLabels ?? {},
            });
        }
      }
    }
  }
  for (const r of httpRoutes) {
    for (const p of r.spec.parentRefs ?? []) {
      if (p.kind !== 'Service') continue;
      const fqdn = `${p.name}.${p.namespace ?? r.metadata.namespace ?? 'default'}.svc.cluster.local`;
      const s = slot(fqdn);
      if (p.port) s.ports.add(p.port);
      addSource(s, { namespace: r.metadata.namespace ?? 'default', labels: {} });
      s.matches.push(...routeMatches(r));
    }
  }
  for (const [host, s] of [...meshHosts.entries()].sort(([a], [b]) => cmpStr(a, b))) {
    const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(host);
    const svc = m ? index.service(m[2]!, m[1]!) : undefined;
    for (const p of svc?.spec.ports ?? []) if (typeof p.port === 'number') s.ports.add(p.port);
    if (s.ports.size === 0) s.ports.add(80);
    addSource(s, { namespace: 'default', labels: {} });
    if (m) addSource(s, { namespace: m[2]!, labels: {} });
    for (const port of [...s.ports].sort((a, b) => a - b)) {
      for (const source of [...s.sources.values()]) {
        yield httpBatch(
          { protocol: 'http', entry: { kind: 'mesh', host }, scheme: 'http', port, host, source },
          () => s.matches,
        );
      }
    }
  }
}
