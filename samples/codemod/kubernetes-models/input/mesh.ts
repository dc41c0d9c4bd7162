import { DestinationRule, Gateway, VirtualService } from '@kubernetes-models/istio/networking.istio.io/v1beta1';

export const gateway = new Gateway({
  metadata: { name: 'shop', namespace: 'shop' },
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [
      { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop.example.com'], tls: { httpsRedirect: true } },
      { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['shop.example.com'], tls: { mode: 'SIMPLE', credentialName: 'shop-cert' } },
    ],
  },
});

export const routes = new VirtualService({
  metadata: { name: 'shop', namespace: 'shop' },
  spec: {
    hosts: ['shop.example.com'],
    gateways: ['shop'],
    http: [
      { match: [{ uri: { prefix: '/cart' } }], route: [{ destination: { host: 'cart', port: { number: 8080 } } }] },
      { route: [{ destination: { host: 'frontend', port: { number: 80 } } }] },
    ],
  },
});

export const cartPolicy = new DestinationRule({
  metadata: { name: 'cart', namespace: 'shop' },
  spec: { host: 'cart', trafficPolicy: { connectionPool: { tcp: { maxConnections: 100 } } } },
});
