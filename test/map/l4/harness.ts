// Test harness for route kinds beyond HTTPRoute: real manifests through the whole conversion
// (Gateway plans, VirtualService routes, ReferenceGrants, output validation), objects and findings out.
import { convert, type ConvertOptions } from '../../../src/index.js';
import type { K8sObject } from '../../../src/gateway-api/types.js';

export interface Seen {
  id: string;
  path?: string;
  line?: number;
}

export interface Run {
  /** Generated objects other than Gateways, in output order. */
  objects: K8sObject[];
  /** Findings except the Gateway mapper's notes on provisioning (every sample has them). */
  findings: Seen[];
  messages: string[];
  kept: string[];
}

const GATEWAY_NOTES = new Set([
  'gateway-provisioned',
  'gateway-service-assumed',
  'gateway-listener-ports',
  'gateway-protocol-normalized',
]);

export function run(yaml: string, options: ConvertOptions = {}): Run {
  const r = convert([{ file: 'input.yaml', text: yaml }], options);
  const fs = r.findings.filter((f) => !GATEWAY_NOTES.has(f.id));
  return {
    objects: r.resources.filter((o) => o.kind !== 'Gateway'),
    findings: fs.map((f) => ({
      id: f.id,
      ...(f.source?.path ? { path: f.source.path } : {}),
      ...(f.source?.line ? { line: f.source.line } : {}),
    })),
    messages: fs.map((f) => f.message),
    kept: r.kept.map((k) => `${k.kind} ${k.namespace}/${k.name}`),
  };
}

/** The targets the route kinds differ on. */
export const TARGETS = {
  'v1.2 standard': { gatewayApi: 'v1.2', channel: 'standard' },
  'v1.2 experimental': { gatewayApi: 'v1.2', channel: 'experimental' },
  'v1.4 experimental': { gatewayApi: 'v1.4', channel: 'experimental' },
  'v1.5 standard': { gatewayApi: 'v1.5', channel: 'standard' },
  'v1.6 standard': { gatewayApi: 'v1.6', channel: 'standard' },
} as const satisfies Record<string, ConvertOptions>;

/** Istio Gateway ingress/edge: TLS passthrough on 443 (any host) and 9443 (admin.example.com), TCP on 5432 and 6379. Lines 1–20 (with the `---`). */
export const EDGE_GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: ingress
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 443, name: tls, protocol: TLS}
    tls: {mode: PASSTHROUGH}
    hosts: ["*"]
  - port: {number: 9443, name: tls-admin, protocol: TLS}
    tls: {mode: PASSTHROUGH}
    hosts: [admin.example.com]
  - port: {number: 5432, name: postgres, protocol: TCP}
    hosts: ["*"]
  - port: {number: 6379, name: redis, protocol: TCP}
    hosts: ["*"]
---
`;

/** A VirtualService ingress/edge bound to the edge gateway; `body` starts at line 29. */
export function edgeVs(body: string, hosts = '["*"]'): string {
  return `${EDGE_GATEWAY}apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: edge
  namespace: ingress
spec:
  hosts: ${hosts}
  gateways: [edge]
${body}`;
}
