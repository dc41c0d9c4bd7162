import { DestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1beta1';
import { Gateway } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { ReferenceGrant } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/ReferenceGrant';

export const gateway = new Gateway({
  metadata: { name: 'shop', namespace: 'shop' },
  spec: {
    gatewayClassName: 'istio',
    listeners: [
      {
        name: 'http',
        hostname: 'shop.example.com',
        port: 80,
        protocol: 'HTTP',
        allowedRoutes: { namespaces: { from: 'Same' } },
      },
      {
        name: 'https',
        hostname: 'shop.example.com',
        port: 443,
        protocol: 'HTTPS',
        tls: {
          mode: 'Terminate',
          certificateRefs: [
            {
              group: '',
              kind: 'Secret',
              name: 'shop-cert',
              namespace: 'istio-system',
            },
          ],
        },
        allowedRoutes: { namespaces: { from: 'All' } },
      },
    ],
  },
});

export const gatewayHTTPRoute = new HTTPRoute({
  metadata: { name: 'shop-http-https-redirect', namespace: 'shop' },
  spec: {
    parentRefs: [{ name: 'shop', sectionName: 'http' }],
    hostnames: ['shop.example.com'],
    rules: [
      {
        filters: [
          {
            type: 'RequestRedirect',
            requestRedirect: { scheme: 'https', statusCode: 301 },
          },
        ],
      },
    ],
  },
});

export const gatewayReferenceGrant = new ReferenceGrant({
  metadata: { name: 'allow-to-secret-shop-cert', namespace: 'istio-system' },
  spec: {
    from: [
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'shop' },
    ],
    to: [{ group: '', kind: 'Secret', name: 'shop-cert' }],
  },
});

export const routes = new HTTPRoute({
  metadata: { name: 'shop', namespace: 'shop' },
  spec: {
    parentRefs: [{ name: 'shop', sectionName: 'https' }],
    hostnames: ['shop.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/cart' } }],
        backendRefs: [{ name: 'cart', port: 8080 }],
      },
      { backendRefs: [{ name: 'frontend', port: 80 }] },
    ],
  },
});

export const cartPolicy = new DestinationRule({
  metadata: { name: 'cart', namespace: 'shop' },
  spec: { host: 'cart', trafficPolicy: { connectionPool: { tcp: { maxConnections: 100 } } } },
});
