// DestinationRule subsets → per-subset Services (semantics.md §4). Gateway API backends are
// Services, so `reviews` subset `v1` becomes Service `reviews-v1` selecting the pods of `reviews`
// that carry the subset's labels; where the subset had a traffic policy (its own or its parent's),
// a DestinationRule for the new host keeps it applying.
import type {
  DestinationRule as DestinationRuleObject,
  Service as ServiceObject,
  ServicePort,
} from '../../gateway-api/types.js';
import type { Finding } from '../../findings/finding.js';
import type { DestinationRule, FieldPath, Service, VirtualService } from '../../model/resources.js';
import type { Emitted, MapContext } from '../context.js';
import { type HttpScope, raise } from '../http/scope.js';
import { boundedLabel } from './names.js';
import { destinationRuleCopy, mergeSubsetPolicy, sortKeys } from './policy.js';

type Json = Record<string, unknown>;

/** One (Service, subset) some route uses, and what is emitted for it. */
interface SubsetService {
  namespace: string;
  service: string;
  subset: string;
  name: string;
  origin: VirtualService;
  objects: (ServiceObject | DestinationRuleObject)[];
  findings: Finding[];
}

// Keyed by the index, not the context: a mapper may run with a derived context (the gRPC mapper
// maps once with findings held back), and the Services it registers must still be emitted.
const registries = new WeakMap<object, Map<string, SubsetService>>();

function registry(ctx: MapContext): Map<string, SubsetService> {
  let r = registries.get(ctx.index);
  if (!r) {
    r = new Map();
    registries.set(ctx.index, r);
  }
  return r;
}

/**
 * The Service a destination with `subset` goes to: `<svc>-<subset>` in the Service's namespace.
 * Undefined when no DestinationRule in the input defines the subset (the caller then falls back to
 * the base Service and reports it). Created once per (Service, subset) across all VirtualServices.
 */
export function subsetServiceFor(
  scope: HttpScope,
  namespace: string,
  service: string,
  subset: string,
  port: number | undefined,
  at: FieldPath,
  what: string,
): string | undefined {
  const { ctx } = scope;
  const key = `${namespace}/${service}/${subset}`;
  const known = registry(ctx).get(key);
  if (known) {
    if (ctx.options.subsetServices === 'none')
      notCreated(scope, known.name, namespace, service, subset, at, undefined);
    return known.name;
  }
  const fqdn = `${service}.${namespace}.svc.cluster.local`;
  const found = findSubset(
    ctx.index.destinationRulesFor(fqdn),
    subset,
    scope.vs.namespace,
    namespace,
  );
  if (!found) return undefined;
  const { dr, index } = found;
  const def = dr.spec.subsets![index]!;
  const svc = ctx.index.service(namespace, service);
  const labels = def.labels ?? {};
  const selector = sortKeys({ ...(svc?.spec.selector ?? {}), ...labels }) as Record<string, string>;
  let name = boundedLabel(service, subset);
  const existing = ctx.index.service(namespace, name);
  if (existing && !sameSelector(existing.spec.selector ?? {}, selector))
    name = boundedLabel(service, `${subset}-subset`);
  const entry: SubsetService = {
    namespace,
    service,
    subset,
    name,
    origin: scope.vs,
    objects: [],
    findings: [],
  };
  registry(ctx).set(key, entry);
  // What creating the Service means is said once, when the objects are emitted (subsetObjects),
  // whichever context registered it first.
  const outer = scope;
  scope = { ...outer, ctx: { ...outer.ctx, report: (f) => entry.findings.push(f) } };
  const shown = Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  if (ctx.options.subsetServices === 'none') {
    notCreated(scope, name, namespace, service, subset, at, shown);
    return name;
  }
  if (existing && sameSelector(existing.spec.selector ?? {}, selector)) {
    raise(
      scope,
      'subset-service-created',
      [...at, 'subset'],
      `subset '${subset}' of ${namespace}/${service}: Service ${namespace}/${name} in the input already selects ${shown}; the ${what} goes to it`,
    );
  } else if (svc && svc.spec.selector && Object.keys(svc.spec.selector).length) {
    entry.objects.push(serviceObject(name, namespace, selector, portsOf(svc)));
    raise(
      scope,
      'subset-service-created',
      [...at, 'subset'],
      `subset '${subset}' of ${namespace}/${service} (DestinationRule ${dr.namespace}/${dr.name}) became Service ${namespace}/${name} selecting ${shown} with the ports of ${service}; the ${what} goes to it`,
    );
  } else {
    const ports = port !== undefined ? [{ port, targetPort: port }] : [];
    entry.objects.push(serviceObject(name, namespace, selector, ports));
    raise(
      scope,
      'subset-service-selector-unchecked',
      [...at, 'subset'],
      `subset '${subset}' of ${namespace}/${service} became Service ${namespace}/${name}, but ${svc ? `Service ${namespace}/${service} has no selector` : `Service ${namespace}/${service} is not in the input`}: it selects ${shown || 'nothing'} (the subset labels alone can select other apps' pods) ` +
        `and ${ports.length ? `port ${port} → targetPort ${port} is a guess` : 'has no ports'}`,
      `Add the Service manifest of ${service} to the input, or check the selector and ports of ${name} before applying.`,
    );
  }
  const policy = mergeSubsetPolicy(
    (dr.raw.spec as Json | undefined)?.trafficPolicy as Json | undefined,
    ((dr.raw.spec as Json | undefined)?.subsets as Json[] | undefined)?.[index]?.trafficPolicy as
      Json | undefined,
  );
  if (policy) {
    const drName = boundedLabel(dr.name, subset);
    const host = `${name}.${namespace}.svc.cluster.local`;
    const copy = destinationRuleCopy(dr, drName, host, policy);
    entry.objects.push(copy);
    raise(
      scope,
      'subset-policy-copied',
      [...at, 'subset'],
      `the traffic policy of subset '${subset}' (DestinationRule ${dr.namespace}/${dr.name}, parent policy merged with the subset's as Istio merges them) now applies to host ${name}.${namespace}.svc.cluster.local through DestinationRule ${dr.namespace}/${drName}`,
    );
  }
  return name;
}

/**
 * The per-subset Services and DestinationRules that an emitted route sends to, in first-use
 * order. A subset whose every rule was dropped (no port, unconvertible match…) gets nothing:
 * such a Service could lack the ports the API server requires, and nothing would use it.
 */
export function subsetObjects(ctx: MapContext, emitted: readonly Emitted[]): Emitted[] {
  const used = referencedServices(emitted);
  const out: Emitted[] = [];
  for (const e of registry(ctx).values()) {
    if (!used.has(`${e.namespace}/${e.name}`)) continue;
    for (const f of e.findings) ctx.report(f);
    for (const object of e.objects) out.push({ object, origin: e.origin });
  }
  return out;
}

/** `namespace/name` of every Service a route's backendRef or mirror names. */
export function referencedServices(emitted: readonly Emitted[]): Set<string> {
  const out = new Set<string>();
  const add = (ref: Json | undefined, routeNs: string): void => {
    if (!ref || (ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service') return;
    out.add(`${String(ref.namespace ?? routeNs)}/${String(ref.name)}`);
  };
  const mirrors = (filters: unknown, ns: string): void => {
    for (const f of (filters as Json[] | undefined) ?? [])
      add((f.requestMirror as Json | undefined)?.backendRef as Json | undefined, ns);
  };
  for (const { object } of emitted) {
    if (!/Route$/.test(object.kind)) continue;
    const ns = object.metadata.namespace ?? '';
    for (const rule of ((object.spec as Json | undefined)?.rules as Json[] | undefined) ?? []) {
      mirrors(rule.filters, ns);
      for (const b of (rule.backendRefs as Json[] | undefined) ?? []) {
        add(b, ns);
        mirrors(b.filters, ns);
      }
    }
  }
  return out;
}

function notCreated(
  scope: HttpScope,
  name: string,
  namespace: string,
  service: string,
  subset: string,
  at: FieldPath,
  selector: string | undefined,
): void {
  raise(
    scope,
    'subset-service-not-created',
    [...at, 'subset'],
    `--subset-services none: the backendRef names Service ${namespace}/${name} for subset '${subset}' of ${service}, which is not created; until it exists these requests get 500`,
    selector !== undefined
      ? `Create Service ${namespace}/${name} with selector ${selector} and the ports of ${service}.`
      : undefined,
  );
}

/**
 * The DestinationRule that defines `subset` for the host, as a sidecar in `clientNamespace` picks
 * it: a rule in the client's namespace first, then the Service's, then any other (input order).
 */
function findSubset(
  drs: readonly DestinationRule[],
  subset: string,
  clientNamespace: string,
  serviceNamespace: string,
): { dr: DestinationRule; index: number } | undefined {
  const rank = (dr: DestinationRule): number =>
    dr.namespace === clientNamespace ? 0 : dr.namespace === serviceNamespace ? 1 : 2;
  const sorted = [...drs].sort((a, b) => rank(a) - rank(b));
  for (const dr of sorted) {
    const index = (dr.spec.subsets ?? []).findIndex((s) => s.name === subset);
    if (index >= 0) return { dr, index };
  }
  return undefined;
}

function sameSelector(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

function portsOf(svc: Service): ServicePort[] {
  return (svc.spec.ports ?? []).map((p) => ({
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.protocol !== undefined ? { protocol: p.protocol } : {}),
    ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
    port: p.port,
    ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
  }));
}

function serviceObject(
  name: string,
  namespace: string,
  selector: Record<string, string>,
  ports: ServicePort[],
): ServiceObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector, ...(ports.length ? { ports } : {}) },
  };
}
