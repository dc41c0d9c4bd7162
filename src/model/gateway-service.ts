// Which Service fronts the pods of a classic Istio Gateway, and which port a client connects to
// for a server port. An Istio Gateway server port is matched against the ports of the Services
// that select the gateway pods: when it is a Service port, Envoy listens on that port's
// targetPort; otherwise it listens on the number as written (a pod port), which clients reach
// through the Service port whose targetPort it is (pilot/pkg/model/gateway.go resolvePorts;
// a Service labelled experimental.istio.io/disable-gateway-port-translation opts out of the
// first rule). A Gateway API Gateway instead listens on its listener ports, and the Service
// Istio provisions for it exposes exactly those ports (istio-discovery files/kube-gateway.yaml).
import type { ConfigIndex } from './index.js';
import type { IstioGateway, Service } from './resources.js';

/** pilot/pkg/model/gateway.go DisableGatewayPortTranslationLabel. */
export const DISABLE_PORT_TRANSLATION = 'experimental.istio.io/disable-gateway-port-translation';

export interface GatewayServicePort {
  name?: string;
  /** The port clients connect to. */
  port: number;
  /** The pod port behind it; undefined when a named targetPort could not be resolved. */
  targetPort?: number;
  /** The targetPort as written, when it is a name. */
  targetName?: string;
  /** `ns/name` of the Service, when it is not the primary one (another Service selecting the pods). */
  service?: string;
  /** False when its Service opts out of server-port → targetPort translation. */
  translate?: boolean;
}

/** The Service in front of a classic gateway's pods. */
export interface GatewayService {
  namespace: string;
  name: string;
  /** The manifest, when the Service is in the input. */
  service?: Service;
  /** True when taken from Istio's default chart because the input has no such Service. */
  assumed: boolean;
  ports: GatewayServicePort[];
  /** False when the (primary) Service opts out of server-port → targetPort translation. */
  translate: boolean;
  /** Labels the gateway pods certainly carry: the Service's selector, or the chart's labels. */
  podLabels: Record<string, string>;
}

interface WellKnown {
  label: string;
  value: string;
  namespace: string;
  name: string;
  /** Every label the chart puts on the pods (and on the Service selector), the key one included. */
  podLabels: Readonly<Record<string, string>>;
  ports: readonly GatewayServicePort[];
}

/**
 * Gateways installed by istioctl/Helm with their default labels and Service ports
 * (istio/istio manifests/charts/gateways/istio-ingress/values.yaml and files/profile-demo.yaml,
 * whose extra tcp/tls ports Istio's samples use; istio-egress/values.yaml; the Helm gateway
 * chart as istio.io installs it, which Istio's bookinfo-gateway.yaml names as `istio=ingress`). The charts label the
 * pods `app` and `istio` both (`gateways.istio-ingressgateway.labels`), and istio.io's policies
 * select them by either (tasks/security/authorization/authz-ingress uses `app`).
 */
export const WELL_KNOWN_GATEWAYS: readonly WellKnown[] = [
  {
    label: 'istio',
    value: 'ingressgateway',
    namespace: 'istio-system',
    name: 'istio-ingressgateway',
    podLabels: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
    ports: [
      { name: 'status-port', port: 15021, targetPort: 15021 },
      { name: 'http2', port: 80, targetPort: 8080 },
      { name: 'https', port: 443, targetPort: 8443 },
      { name: 'tcp', port: 31400, targetPort: 31400 },
      { name: 'tls', port: 15443, targetPort: 15443 },
    ],
  },
  {
    // Istio's Helm gateway chart (manifests/charts/gateway: values.yaml service.ports, and
    // _helpers.tpl gateway.selectorLabels: app = the release name, istio = it without `istio-`)
    // installed as istio.io's Helm guide does: release istio-ingress in namespace istio-ingress.
    label: 'istio',
    value: 'ingress',
    namespace: 'istio-ingress',
    name: 'istio-ingress',
    podLabels: { app: 'istio-ingress', istio: 'ingress' },
    ports: [
      { name: 'status-port', port: 15021, targetPort: 15021 },
      { name: 'http2', port: 80, targetPort: 80 },
      { name: 'https', port: 443, targetPort: 443 },
    ],
  },
  {
    label: 'istio',
    value: 'egressgateway',
    namespace: 'istio-system',
    name: 'istio-egressgateway',
    podLabels: { app: 'istio-egressgateway', istio: 'egressgateway' },
    ports: [
      { name: 'http2', port: 80, targetPort: 8080 },
      { name: 'https', port: 443, targetPort: 8443 },
    ],
  },
];

const byNamespaceName = (a: Service, b: Service): number =>
  a.namespace < b.namespace
    ? -1
    : a.namespace > b.namespace
      ? 1
      : a.name < b.name
        ? -1
        : a.name > b.name
          ? 1
          : 0;

/**
 * Whether Service `s` fronts pods the gateway selector picks: its selector is a subset of the
 * Gateway's (it selects every such pod) or a superset (every pod it selects is such a pod, as
 * with the stock `{app: istio-ingressgateway, istio: ingressgateway}` Service).
 */
function fronts(s: Service, selector: Record<string, string>): boolean {
  const sel = s.spec.selector ?? {};
  const keys = Object.keys(sel);
  if (keys.length === 0) return false;
  const subset = keys.every((k) => selector[k] === sel[k]);
  const superset = Object.entries(selector).every(([k, v]) => sel[k] === v);
  return subset || superset;
}

export type GatewayServiceLookup =
  { found: GatewayService; wellKnown?: { label: string; value: string } } | { found: undefined };

/**
 * The Service in front of the pods `selector` picks: from Service manifests in the input (see
 * `fronts`; first by namespace/name), else the well-known defaults, else none.
 */
export function lookupGatewayService(
  index: ConfigIndex,
  selector: Record<string, string>,
): GatewayServiceLookup {
  if (Object.keys(selector).length === 0) return { found: undefined };
  // A Service that fronts the selector shares at least one of its labels (a subset selector is
  // non-empty and every member is one of the selector's; a superset holds all of them), so only
  // the Services indexed under those labels are candidates.
  const candidates = new Set<Service>();
  for (const [k, v] of Object.entries(selector))
    for (const s of index.servicesWithSelectorLabel(k, v)) candidates.add(s);
  const order = (s: Service) => index.services.indexOf(s); // ties only: duplicate manifests
  const fronting = [...candidates]
    .filter((s) => fronts(s, selector))
    .sort((a, b) => byNamespaceName(a, b) || order(a) - order(b));
  if (fronting.length) return { found: fromManifests(index, fronting) };
  for (const w of WELL_KNOWN_GATEWAYS) {
    // Its key label, or only labels its pods carry (`app: istio-ingressgateway` picks them too).
    const picks = Object.entries(selector).every(([k, v]) => w.podLabels[k] === v);
    if (selector[w.label] !== w.value && !picks) continue;
    const found: GatewayService = {
      namespace: w.namespace,
      name: w.name,
      assumed: true,
      ports: w.ports.map((p) => ({ ...p })),
      translate: true,
      podLabels: { ...w.podLabels },
    };
    return { found, wellKnown: { label: w.label, value: w.value } };
  }
  return { found: undefined };
}

/** `lookupGatewayService` for the selector of an Istio Gateway. */
export function gatewayServiceOf(index: ConfigIndex, gw: IstioGateway): GatewayService | undefined {
  return lookupGatewayService(index, gw.spec.selector ?? {}).found;
}

/**
 * What identifies the pods an Istio Gateway selects: its gateway Service when one is known, else
 * its selector; undefined for an empty selector (every gateway workload). Gateways with one key
 * run on the same proxies, which pilot serves as one merged config (pilot/pkg/model/gateway.go
 * mergeGateways).
 */
export function workloadKey(
  gw: IstioGateway,
  svc: Pick<GatewayService, 'namespace' | 'name'> | undefined,
): string | undefined {
  if (svc) return `svc:${svc.namespace}/${svc.name}`;
  const selector = Object.entries(gw.spec.selector ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return selector ? `sel:${selector}` : undefined;
}

/**
 * The first Service (by namespace/name) is the gateway's; the ports of the others that select
 * the same pods follow, as pilot resolves a server port against every Service of the proxy.
 */
function fromManifests(index: ConfigIndex, services: readonly Service[]): GatewayService {
  const [primary, ...others] = services as [Service, ...Service[]];
  const g = fromManifest(index, primary);
  const seen = new Set(g.ports.map((p) => p.port));
  for (const o of others) {
    if (o.namespace === primary.namespace && o.name === primary.name) continue;
    for (const p of fromManifest(index, o).ports) {
      if (seen.has(p.port)) continue;
      seen.add(p.port);
      g.ports.push({ ...p, service: `${o.namespace}/${o.name}` });
    }
  }
  return g;
}

function fromManifest(index: ConfigIndex, svc: Service): GatewayService {
  const ports: GatewayServicePort[] = [];
  const translate = !(DISABLE_PORT_TRANSLATION in svc.labels);
  for (const p of svc.spec.ports ?? []) {
    const out: GatewayServicePort = { port: p.port };
    if (!translate) out.translate = false;
    if (p.name !== undefined) out.name = p.name;
    const t = p.targetPort;
    if (t === undefined) out.targetPort = p.port;
    else if (typeof t === 'number') out.targetPort = t;
    else if (/^\d+$/.test(t)) out.targetPort = Number(t);
    else {
      out.targetName = t;
      const resolved = containerPort(index, svc, t);
      if (resolved !== undefined) out.targetPort = resolved;
    }
    ports.push(out);
  }
  return {
    namespace: svc.namespace,
    name: svc.name,
    service: svc,
    assumed: false,
    ports,
    translate,
    podLabels: { ...(svc.spec.selector ?? {}) },
  };
}

const WORKLOAD_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet']);

/** A named targetPort resolved through the pod template of a workload in the input that the Service selects. */
function containerPort(index: ConfigIndex, svc: Service, name: string): number | undefined {
  const selector = svc.spec.selector ?? {};
  for (const o of index.others) {
    if (!WORKLOAD_KINDS.has(o.kind) || o.namespace !== svc.namespace) continue;
    const template = (o.raw.spec as { template?: PodTemplate } | undefined)?.template;
    const labels = template?.metadata?.labels ?? {};
    if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) continue;
    // The workload is read as written (not validated): any of these may have the wrong type.
    const containers = template?.spec?.containers;
    for (const c of Array.isArray(containers) ? containers : []) {
      const ports = c && typeof c === 'object' && Array.isArray(c.ports) ? c.ports : [];
      const hit = ports.find((p) => p && p.name === name && typeof p.containerPort === 'number');
      if (hit) return hit.containerPort;
    }
  }
  return undefined;
}

interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec?: { containers?: { ports?: { name?: string; containerPort?: number }[] }[] };
}

/** Where a client reaches one server port through the gateway Service. */
export type ClientPort =
  /** The server port is a Service port: clients connect to it as written. */
  | { kind: 'service-port'; port: number; via: GatewayServicePort }
  /** The server port is the pod port behind Service port `port` (its targetPort). */
  | { kind: 'target-port'; port: number; via: GatewayServicePort }
  /** No Service port reaches it; `unresolved` names targetPorts that could not be resolved. */
  | { kind: 'not-exposed'; port: number; unresolved: string[] };

/** The port clients use for server port `serverPort` (pilot resolvePorts, read backwards). */
export function clientPortFor(svc: GatewayService, serverPort: number): ClientPort {
  const direct = svc.ports.find((p) => p.port === serverPort && p.translate !== false);
  if (direct) return { kind: 'service-port', port: serverPort, via: direct };
  const behind = svc.ports.find((p) => p.targetPort === serverPort);
  if (behind) return { kind: 'target-port', port: behind.port, via: behind };
  const unresolved = svc.ports.filter((p) => p.targetPort === undefined).map((p) => p.targetName!);
  return { kind: 'not-exposed', port: serverPort, unresolved };
}

/**
 * The pod port Envoy listens on for a server port (pilot resolvePorts): a Service port's
 * targetPort, else the number itself. `undefined` when it is a Service port whose named
 * targetPort is unknown (then only that Service port reaches it).
 */
export function listenPortFor(
  svc: GatewayService | undefined,
  serverPort: number,
): number | string {
  if (!svc) return serverPort;
  const direct = svc.ports.find((p) => p.port === serverPort && p.translate !== false);
  if (!direct) return serverPort;
  return direct.targetPort ?? `service-port-${direct.port}`;
}

/** The pod port a client connecting to Service port `clientPort` reaches; undefined: the Service has no such port. */
export function podPortFor(
  svc: GatewayService | undefined,
  clientPort: number,
): number | string | undefined {
  if (!svc) return clientPort;
  const p = svc.ports.find((x) => x.port === clientPort);
  if (!p) return undefined;
  return p.targetPort ?? `service-port-${p.port}`;
}

/** `file:line` of the Service manifest, or a note that Istio's default Service was assumed. */
export function describeGatewayService(svc: GatewayService): string {
  const ref = `Service ${svc.namespace}/${svc.name}`;
  if (svc.assumed || !svc.service)
    return `${ref} (Istio's default gateway Service; not in the input)`;
  return `${ref} (${svc.service.file}:${svc.service.locator.position([]).line})`;
}
