import { classicRouter } from '../../src/routing/classic-router.js';
import {
  gatewayApiRouter,
  type GatewayApiRouterOptions,
} from '../../src/routing/gateway-api-router.js';
import { loadIstio, loadManifests } from '../../src/verify/load.js';
import type { HttpRequest, Outcome } from '../../src/routing/request.js';
import { describeOutcome } from '../../src/routing/request.js';

export function classic(yaml: string) {
  return classicRouter(loadIstio([{ file: 'in.yaml', text: yaml }]).index);
}

export function gatewayApi(yaml: string, options?: GatewayApiRouterOptions) {
  return gatewayApiRouter(loadManifests([{ file: 'out.yaml', text: yaml }]).objects, options);
}

/** A GET to gateway default/gw on :80 for `host` `path` (`path?x=1` sets the query). */
export function get(
  host: string,
  pathAndQuery: string,
  extra: Partial<HttpRequest> = {},
): HttpRequest {
  const [path, q] = pathAndQuery.split('?') as [string, string | undefined];
  const query: Record<string, string> = {};
  for (const kv of (q ?? '').split('&').filter(Boolean)) {
    const [k, v] = kv.split('=');
    query[k!] = v ?? '';
  }
  return {
    protocol: 'http',
    entry: { kind: 'gateway', namespace: 'default', name: 'gw' },
    scheme: 'http',
    port: 80,
    host,
    path,
    query,
    method: 'GET',
    headers: {},
    source: { namespace: 'default', labels: {} },
    ...extra,
  };
}

/** Short form of an outcome for tables: the backend ids (`reviews:80`), or status. */
export function short(o: Outcome): string {
  if (o.kind === 'forward')
    return o.backends
      .map(
        (b) =>
          `${b.id.replace('.default.svc.cluster.local', '')}${b.share === 10000 ? '' : `@${b.share / 100}`}`,
      )
      .join('+');
  if (o.kind === 'redirect') return `${o.status} ${o.location}`;
  if (o.kind === 'direct') return String(o.status);
  if (o.kind === 'no-route') return '404';
  return describeOutcome(o);
}
