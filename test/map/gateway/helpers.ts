import { convert, type ConvertOptions } from '../../../src/index.js';
import type { Gateway, HTTPRoute, K8sObject } from '../../../src/gateway-api/types.js';

export interface Out {
  gateways: Gateway[];
  routes: HTTPRoute[];
  others: K8sObject[];
  /** `id path line` per finding, in report order. */
  findings: string[];
}

/** Converts one manifest text and returns what the Gateway mapper wrote and reported. */
export function run(yaml: string, options: ConvertOptions = {}): Out {
  const r = convert([{ file: 'in.yaml', text: yaml }], options);
  return {
    gateways: r.resources.filter((o): o is Gateway => o.kind === 'Gateway'),
    routes: r.resources.filter((o): o is HTTPRoute => o.kind === 'HTTPRoute'),
    others: r.resources.filter((o) => o.kind !== 'Gateway' && o.kind !== 'HTTPRoute'),
    findings: r.findings.map((f) => `${f.id} ${f.source?.path ?? '-'} ${f.source?.line ?? 0}`),
  };
}

/** An Istio Gateway in `namespace` with the given servers (YAML, indented under `servers:`). */
export function gateway(
  servers: string,
  { namespace = 'istio-system', selector = 'istio: ingressgateway', name = 'gw' } = {},
): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    ${selector}
  servers:
${servers.replace(/^\n/, '').replace(/\s+$/, '')}
`;
}

/** Findings without the two that every provisioned, well-known gateway raises. */
export const notable = (o: Out): string[] =>
  o.findings.filter(
    (f) =>
      !f.startsWith('gateway-provisioned ') &&
      !f.startsWith('gateway-service-assumed ') &&
      !f.startsWith('gateway-listener-ports '),
  );
