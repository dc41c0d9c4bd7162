import type {
  DestinationRule,
  IstioGateway,
  Namespace,
  OtherResource,
  Resource,
  Service,
  ServiceEntry,
  VirtualService,
} from './resources.js';

const key = (namespace: string, name: string): string => `${namespace}/${name}`;

/**
 * A read-only model of the whole input. Mappers ask it; they never scan the input themselves.
 * Built once, in input order (files sorted by path), so every answer is deterministic.
 */
export class ConfigIndex {
  readonly gateways: readonly IstioGateway[];
  readonly virtualServices: readonly VirtualService[];
  readonly destinationRules: readonly DestinationRule[];
  readonly serviceEntries: readonly ServiceEntry[];
  readonly services: readonly Service[];
  readonly namespaces: readonly Namespace[];
  /** Every other resource (passed through), e.g. policies that select workloads by label. */
  readonly others: readonly OtherResource[];
  readonly defaultNamespace: string;
  private readonly gatewayByKey = new Map<string, IstioGateway>();
  private readonly serviceByKey = new Map<string, Service>();
  private readonly serviceEntriesByHost = new Map<string, ServiceEntry[]>();
  // Built on first use: a lookup per route destination must not scan every DestinationRule.
  private destinationRulesByHost: Map<string, DestinationRule[]> | undefined;
  private servicesBySelectorLabel: Map<string, Service[]> | undefined;

  constructor(resources: readonly Resource[], defaultNamespace: string) {
    this.defaultNamespace = defaultNamespace;
    const of = <T extends Resource>(kind: string, group: string) =>
      resources.filter((r): r is T => r.kind === kind && r.group === group && !('other' in r));
    this.gateways = of<IstioGateway>('Gateway', 'networking.istio.io');
    this.virtualServices = of<VirtualService>('VirtualService', 'networking.istio.io');
    this.destinationRules = of<DestinationRule>('DestinationRule', 'networking.istio.io');
    this.serviceEntries = of<ServiceEntry>('ServiceEntry', 'networking.istio.io');
    this.services = of<Service>('Service', '');
    this.namespaces = of<Namespace>('Namespace', '');
    this.others = resources.filter((r): r is OtherResource => 'other' in r);
    for (const g of this.gateways) this.gatewayByKey.set(key(g.namespace, g.name), g);
    for (const s of this.services) this.serviceByKey.set(key(s.namespace, s.name), s);
    for (const se of this.serviceEntries) {
      for (const host of se.spec.hosts ?? []) {
        const h = host.toLowerCase();
        const list = this.serviceEntriesByHost.get(h) ?? [];
        list.push(se);
        this.serviceEntriesByHost.set(h, list);
      }
    }
  }

  gateway(namespace: string, name: string): IstioGateway | undefined {
    return this.gatewayByKey.get(key(namespace, name));
  }

  service(namespace: string, name: string): Service | undefined {
    return this.serviceByKey.get(key(namespace, name));
  }

  /** ServiceEntries that declare `host` exactly (case-insensitive), in input order. */
  serviceEntriesForHost(host: string): readonly ServiceEntry[] {
    return this.serviceEntriesByHost.get(host.toLowerCase()) ?? [];
  }

  /** Services whose selector is a non-empty subset of `labels` (they select those pods). */
  servicesSelecting(labels: Record<string, string>): Service[] {
    return this.services.filter((s) => {
      const sel = s.spec.selector;
      if (!sel || Object.keys(sel).length === 0) return false;
      return Object.entries(sel).every(([k, v]) => labels[k] === v);
    });
  }

  /** DestinationRules whose `host` is exactly `fqdn` or its short name in `namespace`, in input order. */
  destinationRulesFor(fqdn: string): DestinationRule[] {
    if (!this.destinationRulesByHost) {
      const byHost = new Map<string, DestinationRule[]>();
      const add = (k: string, dr: DestinationRule) => {
        const list = byHost.get(k);
        if (list) list.push(dr);
        else byHost.set(k, [dr]);
      };
      for (const dr of this.destinationRules) {
        const h = dr.spec.host?.toLowerCase();
        if (!h) continue;
        add(h, dr);
        const full = resolveShortHost(h, dr.namespace);
        if (full !== h) add(full, dr);
      }
      this.destinationRulesByHost = byHost;
    }
    return [...(this.destinationRulesByHost.get(fqdn) ?? [])];
  }

  /**
   * Services whose selector holds `key: value`, in input order: the candidates for any question
   * of the form "which Services select pods labelled so" (a subset or superset test still follows).
   */
  servicesWithSelectorLabel(key: string, value: string): readonly Service[] {
    if (!this.servicesBySelectorLabel) {
      const byLabel = new Map<string, Service[]>();
      for (const s of this.services) {
        for (const [k, v] of Object.entries(s.spec.selector ?? {})) {
          const id = `${k}\u0000${v}`;
          const list = byLabel.get(id);
          if (list) list.push(s);
          else byLabel.set(id, [s]);
        }
      }
      this.servicesBySelectorLabel = byLabel;
    }
    return this.servicesBySelectorLabel.get(`${key}\u0000${value}`) ?? [];
  }
}

/**
 * Istio's short-name rule (pilot/pkg/model ResolveShortnameToFQDN): only a host without a dot
 * is completed with the namespace and `svc.cluster.local`; `reviews.prod` stays as written.
 */
export function resolveShortHost(host: string, namespace: string): string {
  const h = host.toLowerCase();
  if (h === '*' || h.includes('.') || h.includes(':')) return h;
  return `${h}.${namespace}.svc.cluster.local`;
}
