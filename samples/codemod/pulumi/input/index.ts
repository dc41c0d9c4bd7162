import * as k8s from '@pulumi/kubernetes';

const provider = new k8s.Provider('cluster', {});

export const gateway = new k8s.apiextensions.CustomResource('web-gateway', {
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: 'web', namespace: 'istio-system' },
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [
      { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['web.example.com'], tls: { httpsRedirect: true } },
      { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['web.example.com'], tls: { mode: 'SIMPLE', credentialName: 'web-cert' } },
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
