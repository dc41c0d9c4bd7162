// Test harness for the HTTP mapper: real manifests in, HTTPRoutes and findings out.
import type { Finding } from '../../../src/findings/finding.js';
import type { HTTPRoute, K8sObject, Listener } from '../../../src/gateway-api/types.js';
import type { MapContext } from '../../../src/map/context.js';
import type { GatewayPlan } from '../../../src/map/gateway/plan.js';
import { mapVirtualService } from '../../../src/map/http/virtual-service.js';
import { buildReferenceGrants, type GrantNeed } from '../../../src/map/reference-grants.js';
import { ConfigIndex } from '../../../src/model/index.js';
import type { IstioGateway, Resource } from '../../../src/model/resources.js';
import { type ConvertOptions, OptionsSchema, targetOf } from '../../../src/options.js';
import { parseFile } from '../../../src/parse/documents.js';
import { readResource } from '../../../src/parse/resources.js';

/** A finding as tests compare it: id, field path and line. */
export interface Seen {
  id: string;
  path?: string;
  line?: number;
  message: string;
}

export interface MapRun {
  routes: HTTPRoute[];
  grants: K8sObject[];
  findings: Seen[];
  keptReason?: string;
}

/** Listeners for a plan, given per Istio Gateway `ns/name` (the Gateway mapper's job in production). */
export type PlanListeners = Record<
  string,
  (Partial<Listener> & { name: string; httpsRedirect?: boolean })[]
>;

export function mapYaml(
  yaml: string,
  options: ConvertOptions = {},
  listeners: PlanListeners = {},
): MapRun {
  const opts = OptionsSchema.parse(options);
  const parsed = parseFile({ file: 'input.yaml', text: yaml });
  const resources: Resource[] = [];
  for (const o of parsed.objects) {
    const r = readResource(o, opts.namespace).resource;
    if (r) resources.push(r);
  }
  const index = new ConfigIndex(resources, opts.namespace);
  const findings: Finding[] = [];
  const needs: GrantNeed[] = [];
  const ctx: MapContext = {
    index,
    target: targetOf(opts),
    options: opts,
    report: (f) => findings.push(f),
    needGrant: (n) => needs.push(n),
  };
  const plans = new Map<string, GatewayPlan>();
  for (const gw of index.gateways)
    plans.set(
      `${gw.namespace}/${gw.name}`,
      planOf(gw, listeners[`${gw.namespace}/${gw.name}`] ?? []),
    );
  const routes: HTTPRoute[] = [];
  let keptReason: string | undefined;
  for (const vs of index.virtualServices) {
    const r = mapVirtualService(vs, ctx, plans);
    routes.push(...r.emitted.map((e) => e.object as HTTPRoute));
    if (r.keptReason) keptReason = r.keptReason;
  }
  const run: MapRun = {
    routes,
    grants: buildReferenceGrants(needs, ctx.target).map((e) => e.object),
    findings: findings.map((f) => {
      const s: Seen = { id: f.id, message: f.message };
      if (f.source?.path) s.path = f.source.path;
      if (f.source?.line) s.line = f.source.line;
      return s;
    }),
  };
  if (keptReason) run.keptReason = keptReason;
  return run;
}

function planOf(gw: IstioGateway, ls: PlanListeners[string]): GatewayPlan {
  return {
    source: gw,
    members: [gw],
    name: gw.name,
    namespace: gw.namespace,
    mode: 'provision',
    listeners: ls.map((l, i) => ({
      listener: { port: 80, protocol: 'HTTP', ...l, name: l.name } as Listener,
      serverIndex: i,
      hostIndex: 0,
      // A server on the listener's port: VirtualService `port` matches name server ports.
      server: serverOn(gw, l.port ?? 80),
      istioHost: l.hostname ?? '*',
      httpsRedirect: l.httpsRedirect ?? false,
      alsoServes: [],
      owners: [gw],
      hostNamespaces: ['*'],
    })),
  };
}

function serverOn(gw: IstioGateway, port: number): GatewayPlan['listeners'][number]['server'] {
  const first = gw.spec.servers?.[0];
  if (!first) return { port: { number: port, name: 'http', protocol: 'HTTP' }, hosts: ['*'] };
  return { ...first, port: { ...first.port, number: port } };
}

/** Only id, path and line: what most table rows check. */
export const ids = (r: MapRun): { id: string; path?: string; line?: number }[] =>
  r.findings.map(({ id, path, line }) => ({
    id,
    ...(path ? { path } : {}),
    ...(line ? { line } : {}),
  }));

/** `spec.rules` of the only route. */
export function onlyRules(r: MapRun): HTTPRoute['spec']['rules'] {
  if (r.routes.length !== 1)
    throw new Error(
      `expected one HTTPRoute, got ${r.routes.length}: ${r.routes.map((x) => x.metadata.name).join(', ')}`,
    );
  return r.routes[0]!.spec.rules;
}

/** A gateway-bound VirtualService around `http` (YAML lines indented under `http:`), with hosts and gateway. */
export function vsYaml(http: string, extra = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
  namespace: shop
spec:
  hosts:
  - web.example.com
  gateways:
  - istio-system/public${extra}
  http:
${http}`;
}

/** The Istio Gateway `istio-system/public`, so plans exist. */
export const GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: istio-system
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*/web.example.com"]
---
`;
