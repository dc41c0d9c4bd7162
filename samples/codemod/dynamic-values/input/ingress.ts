// Values come from the environment's config; the codemod keeps them where they are copied.
import { config } from './config';

const HTTPS_PORT = 443;

export const gateway = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: config.gatewayName, namespace: 'istio-system' },
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [
      {
        port: { number: HTTPS_PORT, name: 'https', protocol: 'HTTPS' },
        hosts: [`${config.app}.example.com`],
        tls: { mode: 'SIMPLE', credentialName: config.certificate },
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
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: config.app, namespace: 'istio-system' },
  spec: {
    hosts: [`${config.app}.example.com`],
    gateways: [config.gatewayName],
    http: [{ route: [{ destination: { host: 'web.istio-system.svc.cluster.local', port: { number: HTTPS_PORT } } }] }],
  },
};
