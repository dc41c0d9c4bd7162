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
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'web', namespace: 'istio-system' },
  spec: {
    hosts: ['web.example.com'],
    gateways: ['web'],
    http: [{ route: [{ destination: { host: 'web.frontend.svc.cluster.local', port: { number: 8080 } } }] }],
  },
}, { provider });
