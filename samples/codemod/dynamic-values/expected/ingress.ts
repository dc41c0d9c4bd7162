// Values come from the environment's config; the codemod keeps them where they are copied.
import { config } from './config';

const HTTPS_PORT = 443;

export const gateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: config.gatewayName, namespace: 'istio-system' },
  spec: {
    gatewayClassName: 'istio',
    listeners: [
      {
        name: 'https',
        hostname: `${config.app}.example.com`,
        port: 443,
        protocol: 'HTTPS',
        tls: {
          mode: 'Terminate',
          certificateRefs: [
            { group: '', kind: 'Secret', name: config.certificate },
          ],
        },
        allowedRoutes: { namespaces: { from: 'All' } },
      },
    ],
  },
};

export const canary = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'canary', namespace: 'istio-system' },
  spec: {
    hosts: [`${config.app}.example.com`],
    gateways: [config.gatewayName],
    http: [
      {
        route: [
          { destination: { host: 'web.prod.svc.cluster.local', port: { number: 80 } }, weight: 100 - config.canaryPercent },
          { destination: { host: 'web-canary.prod.svc.cluster.local', port: { number: 80 } }, weight: config.canaryPercent },
        ],
      },
    ],
  },
};

export const web = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: config.app, namespace: 'istio-system' },
  spec: {
    parentRefs: [{ name: config.gatewayName }],
    hostnames: [`${config.app}.example.com`],
    rules: [
      { backendRefs: [{ name: 'web', port: 443 }] },
    ],
  },
};
