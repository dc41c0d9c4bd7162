// The behaviour check: both routing models side by side over probe requests drawn from both
// configurations; every request whose outcome changes is named, with the finding that explains
// it, or none (then the promise "no silent behaviour change" is broken).
import { subsetBackendAlias } from '../routing/subset-alias.js';
import {
  type ConvertHooks,
  convertInput,
  type ConvertResult,
  type KeptResource,
  type ReadInput,
  readInput,
} from '../convert.js';
import type { Finding } from '../findings/finding.js';
import type { K8sObject } from '../gateway-api/types.js';
import { withoutSuperseded } from '../model/duplicates.js';
import { ConfigIndex } from '../model/index.js';
import type { Resource } from '../model/resources.js';
import { type ConvertOptions, targetOf } from '../options.js';
import { supports } from '../target.js';
import type { InputFile } from '../parse/documents.js';
import { type ClassicRouter, classicRouter } from '../routing/classic-router.js';
import { virtualServicesIn } from './load.js';
import type { CutoverGateway, ObjectRef } from '../map/cutover.js';
import { explainBy, subjectsOf } from './explain.js';
import { gatewayApiRouter, type GatewayApiRouterOptions } from '../routing/gateway-api-router.js';
import { probeRequests, type ProbeStats } from '../routing/probes.js';
import {
  describeRequest,
  type Outcome,
  outcomeDifferences,
  type Request,
  type RouteRef,
} from '../routing/request.js';

export interface VerifyOptions extends ConvertOptions {
  /** At most this many probes in all (default 100000); larger batches are sampled evenly. */
  maxProbes?: number;
  /** Override how a generated backend maps back to a classic one (default: per-subset Services by DestinationRule subsets). */
  backendAlias?: (id: string) => string;
  /** Explain changes by these findings instead of converting `istioInput` (for tests and mappers). */
  findings?: readonly Finding[];
  /** `istioInput` already read (`readInput`), so it is not parsed again. */
  read?: ReadInput;
  /** The conversion of `read`, already done (the Action's), so it is not run again. */
  conversion?: ConvertResult;
  /** Progress of a long run: reading, converting, and every 1,000 probe requests replayed. */
  hooks?: VerifyHooks;
}

export interface VerifyHooks extends ConvertHooks {
  /** Called every 1,000 probe requests replayed. */
  onProbes?(progress: { probes: number; max: number }): void;
}

export interface Change {
  request: Request;
  /** `GET http://a.example.com:80/api [x: 1] @gateway ns/gw` */
  requestText: string;
  before: Outcome;
  after: Outcome;
  /** What differs: `result`, `backends`, `path`, `host`, `timeout`, `retry`, … */
  differences: string[];
  /** The finding that names this change; undefined: an unexplained, silent change. */
  explainedBy?: Finding;
}

export interface VerifyResult {
  changes: Change[];
  probes: number;
  /** True when not every candidate request was replayed (`maxProbes`): see `sampling`. */
  truncated: boolean;
  /** How the probes were chosen: candidates of all batches, and how many batches were sampled. */
  sampling: ProbeStats;
  /** The conversion's findings (what the changes are explained by). */
  findings: Finding[];
  /** Istio resources kept as they are by the conversion. */
  kept: KeptResource[];
}

/**
 * Replays probe requests through the classic model of `istioInput` and the Gateway API model of
 * `converted` (default: `convert(istioInput)`'s output). Findings always come from converting
 * `istioInput`, so a user's own manifests are checked against what the tool told them.
 */
export function verify(
  istioInput: readonly InputFile[],
  converted: readonly K8sObject[] | undefined,
  options: VerifyOptions = {},
): VerifyResult {
  const {
    maxProbes,
    backendAlias,
    findings: given,
    read: alreadyRead,
    hooks = {},
    conversion: done,
    ...convertOptions
  } = options;
  // The input is parsed once: the conversion and the classic model read the same resources.
  const read = alreadyRead ?? readInput([...istioInput], convertOptions, hooks);
  const conversion = done
    ? { ...done }
    : given && converted
      ? {
          resources: [...converted],
          findings: [...given],
          kept: [] as KeptResource[],
          options: { namespace: convertOptions.namespace ?? 'default' },
        }
      : convertInput(read, hooks);
  if (given) conversion.findings = [...given];
  const objects = converted ? [...converted] : conversion.resources;
  const index = classicIndex(read.resources, conversion.options.namespace);
  const kept = converted ? keptIn(converted, conversion.kept) : conversion.kept;
  const keptKeys = new Set(kept.map((k) => `${k.kind}|${k.namespace}|${k.name}`));

  const before = classicRouter(index);
  // A Gateway that replaces several Istio Gateways (per-workload) stands for each of them.
  const merged = mergedGateways('cutover' in conversion ? conversion.cutover.gateways : []);
  const meshVss = outputVirtualServices(read.resources, objects, keptKeys, index.defaultNamespace);
  const after = gatewayApiRouter(objects, {
    ...routerOptionsFor(index, objects, backendAlias),
    gatewayFor: (n, name) => merged.byIstio.get(`${n}/${name}`),
    ...(meshVss ? { meshVirtualServices: meshVss } : {}),
    corsOriginWildcards: supports(targetOf(read.options), 'corsOriginWildcards'),
  });
  const changes: Change[] = [];
  let probes = 0;
  const limit = maxProbes ?? 100_000;
  const sampling: ProbeStats = { batches: 0, candidates: 0, sampledBatches: 0 };
  const standsForOthers = (n: string, name: string) => merged.replacing.has(`${n}/${name}`);
  for (const request of probeRequests(index, objects, {
    maxProbes: limit,
    stats: sampling,
    standsForOthers,
  })) {
    if (++probes % 1000 === 0) hooks.onProbes?.({ probes, max: limit });
    const b = before.route(request);
    const a = after.route(request);
    const differences = outcomeDifferences(b, a);
    if (differences.length === 0) continue;
    const change: Change = {
      request,
      requestText: describeRequest(request),
      before: b,
      after: a,
      differences,
    };
    const explained = explainChange(
      change,
      conversion.findings,
      index,
      keptKeys,
      before.candidates(request),
      after.candidates(request),
    );
    if (explained) change.explainedBy = explained;
    changes.push(change);
  }
  const truncated = sampling.sampledBatches > 0 || probes >= limit;
  return { changes, probes, truncated, sampling, findings: conversion.findings, kept };
}

/**
 * The VirtualServices that still route sidecars after the cutover: residual ones in the output
 * and those kept as they are, over the input's Services, DestinationRules and ServiceEntries.
 */
function outputVirtualServices(
  input: readonly Resource[],
  objects: readonly K8sObject[],
  keptKeys: ReadonlySet<string>,
  defaultNamespace: string,
): ClassicRouter | undefined {
  const current = withoutSuperseded(input);
  const out = virtualServicesIn(objects, defaultNamespace);
  const has = new Set(out.map((r) => `${r.namespace}/${r.name}`));
  for (const r of current)
    if (
      r.kind === 'VirtualService' &&
      keptKeys.has(`VirtualService|${r.namespace}|${r.name}`) &&
      !has.has(`${r.namespace}/${r.name}`)
    )
      out.push(r);
  if (!out.length) return undefined;
  const rest = current.filter((r) => r.kind !== 'VirtualService');
  return classicRouter(new ConfigIndex([...rest, ...out], defaultNamespace));
}

/** Gateways that replace several Istio Gateways: by Istio Gateway, and their own keys. */
function mergedGateways(gateways: readonly CutoverGateway[]): {
  byIstio: Map<string, ObjectRef>;
  replacing: Set<string>;
} {
  const byIstio = new Map<string, ObjectRef>();
  const replacing = new Set<string>();
  for (const g of gateways) {
    if (g.replaces.length < 2) continue;
    replacing.add(`${g.gateway.namespace}/${g.gateway.name}`);
    // A probe reaches the pods, not one Istio Gateway: the classic model routes it through the
    // servers of every Istio Gateway on those pods (pilot's mergeGateways), and the Gateway API
    // side through every listener of the Gateway that replaces them.
    for (const r of g.replaces) byIstio.set(`${r.namespace}/${r.name}`, { ...g.gateway });
  }
  return { byIstio, replacing };
}

/**
 * The model the classic router asks, as `loadIstio` builds it: what `kubectl apply` leaves in the
 * cluster, the later of resources with the same identity (convert marks earlier ones superseded).
 */
function classicIndex(resources: readonly Resource[], defaultNamespace: string): ConfigIndex {
  return new ConfigIndex(withoutSuperseded(resources), defaultNamespace);
}

function explainChange(
  change: Change,
  findings: readonly Finding[],
  index: ConfigIndex,
  keptKeys: Set<string>,
  classicRules: RouteRef[],
  generatedRules: RouteRef[],
): Finding | undefined {
  const { before, after, request } = change;
  const classic = [...(before.via ? [before.via] : []), ...classicRules];
  const generated = [...(after.via ? [after.via] : []), ...generatedRules];
  // A VirtualService the conversion kept still routes as before: the report already says so.
  const keptVs = classic.find((r) => keptKeys.has(`${r.kind}|${r.namespace}|${r.name}`));
  // A different client-certificate demand is the listener's (the server's tls), like a lost port.
  const listenerChanged =
    before.kind === 'no-listener' ||
    after.kind === 'no-listener' ||
    (before.kind === 'redirect' && !before.via) ||
    change.differences.includes('client certificate');
  // Several classic rules want this request: the order is what changed it; else the match itself.
  const ruleCount = new Set(
    classic.filter((r) => r.path).map((r) => `${r.namespace}/${r.name}/${r.path}`),
  ).size;
  // A delegation pilot leaves without destinations is what a request to it meets first.
  const chained = before.kind === 'unmodelled' ? ['delegate-chain', 'delegate-cycle'] : [];
  const prefer = [
    ...chained,
    ...(ruleCount > 1
      ? ['order-changed', 'prefix-semantics']
      : ['prefix-semantics', 'order-changed']),
  ];
  const found = explainBy(
    findings,
    subjectsOf(request, classic, generated, index, listenerChanged),
    prefer,
  );
  if (found) return found;
  if (keptVs) {
    return {
      id: 'resource-kept',
      severity: 'info',
      message: `${keptVs.kind} ${keptVs.namespace}/${keptVs.name} was kept as it is (not converted), so its routes are not in the Gateway API output`,
      source: {
        file: '',
        line: 0,
        column: 0,
        kind: keptVs.kind,
        namespace: keptVs.namespace,
        name: keptVs.name,
      },
    };
  }
  if (
    request.entry.kind === 'gateway' &&
    keptKeys.has(`Gateway|${request.entry.namespace}|${request.entry.name}`)
  ) {
    return {
      id: 'resource-kept',
      severity: 'info',
      message: `Gateway ${request.entry.namespace}/${request.entry.name} was kept as it is (not converted)`,
    };
  }
  return undefined;
}

/** Istio networking resources left in a user's converted manifests are the kept ones. */
function keptIn(
  converted: readonly K8sObject[],
  fromConversion: readonly KeptResource[],
): KeptResource[] {
  const out = [
    ...fromConversion.filter((k) =>
      converted.some(
        (o) =>
          o.kind === k.kind &&
          o.metadata.name === k.name &&
          (o.metadata.namespace ?? k.namespace) === k.namespace,
      ),
    ),
  ];
  for (const o of converted) {
    if (
      !o.apiVersion.startsWith('networking.istio.io/') ||
      !['VirtualService', 'Gateway'].includes(o.kind)
    )
      continue;
    const namespace = o.metadata.namespace ?? 'default';
    if (
      out.some((k) => k.kind === o.kind && k.name === o.metadata.name && k.namespace === namespace)
    )
      continue;
    out.push({
      kind: o.kind,
      namespace,
      name: o.metadata.name,
      file: '',
      line: 0,
      reason: 'left as Istio config in the converted manifests',
      object: o,
    });
  }
  return out;
}

/**
 * Router options that let generated backends compare with classic ones: a per-subset Service
 * `<svc>-<subset>` (semantics.md §4) maps back to `<svc>#<subset>` when a DestinationRule for
 * `<svc>` has that subset; ServiceEntry hosts resolve ServiceEntry parents.
 */
export function routerOptionsFor(
  index: ConfigIndex,
  objects: readonly K8sObject[],
  backendAlias?: (id: string) => string,
): GatewayApiRouterOptions {
  const serviceEntries = new Map<string, ConfigIndex['serviceEntries'][number]>();
  for (const se of index.serviceEntries)
    if (!serviceEntries.has(`${se.namespace}/${se.name}`))
      serviceEntries.set(`${se.namespace}/${se.name}`, se);
  const namespaces = new Map<string, Record<string, string>>();
  for (const n of index.namespaces) namespaces.set(n.name, n.labels);
  for (const o of objects)
    if (o.kind === 'Namespace') namespaces.set(o.metadata.name, o.metadata.labels ?? {});
  return {
    backendAlias: backendAlias ?? subsetBackendAlias(index),
    namespaceLabels: (n) => ({ ...(namespaces.get(n) ?? {}), 'kubernetes.io/metadata.name': n }),
    serviceEntryHosts: (namespace, name) =>
      serviceEntries.get(`${namespace}/${name}`)?.spec.hosts ?? [],
    servicePorts: (namespace, name) =>
      index.service(namespace, name)?.spec.ports?.map((p) => p.port),
  };
}
