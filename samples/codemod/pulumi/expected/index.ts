import * as k8s from '@pulumi/kubernetes';

const provider = new k8s.Provider('cluster', {});

export const gateway = new k8s.apiextensions.CustomResource('web-gateway', {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'web', namespace: 'istio-system' },
  spec: {
    gatewayClassName: 'istio',
    listeners: [
      {
        name: 'http',
        hostname: 'web.example.com',
        port: 80,
        protocol: 'HTTP',
        allowedRoutes: { namespaces: { from: 'Same' } },
      },
      {
        name: 'https',
        hostname: 'web.example.com',
        port: 443,
        protocol: 'HTTPS',
        tls: {
          mode: 'Terminate',
          certificateRefs: [{ group: '', kind: 'Secret', name: 'web-cert' }],
        },
        allowedRoutes: { namespaces: { from: 'All' } },
      },
    ],
  },
}, { provider });

export const gatewayHTTPRoute = new k8s.apiextensions.CustomResource('web-gateway-httproute', {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'web-http-https-redirect', namespace: 'istio-system' },
  spec: {
    parentRefs: [{ name: 'web', sectionName: 'http' }],
    hostnames: ['web.example.com'],
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
}, { provider });

export const routes = new k8s.apiextensions.CustomResource('web-routes', {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'web', namespace: 'istio-system' },
  spec: {
    parentRefs: [{ name: 'web', sectionName: 'https' }],
    hostnames: ['web.example.com'],
    rules: [
      { backendRefs: [{ name: 'web', namespace: 'frontend', port: 8080 }] },
    ],
  },
}, { provider });

export const routesReferenceGrant = new k8s.apiextensions.CustomResource('web-routes-referencegrant', {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'ReferenceGrant',
  metadata: { name: 'allow-to-service-web', namespace: 'frontend' },
  spec: {
    from: [
      {
        group: 'gateway.networking.k8s.io',
        kind: 'HTTPRoute',
        namespace: 'istio-system',
      },
    ],
    to: [{ group: '', kind: 'Service', name: 'web' }],
  },
}, { provider });
