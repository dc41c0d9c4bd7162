// Ingress for the bookinfo app, written as plain objects.
export const gateway = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: 'bookinfo', namespace: 'istio-system' },
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [
      {
        port: { number: 443, name: 'https', protocol: 'HTTPS' },
        hosts: ['bookinfo.example.com'],
        tls: { mode: 'SIMPLE', credentialName: 'bookinfo-cert' },
      },
      {
        // Plain HTTP only redirects to HTTPS.
        port: { number: 80, name: 'http', protocol: 'HTTP' },
        hosts: ['bookinfo.example.com'],
        tls: { httpsRedirect: true },
      },
    ],
  },
};

export const routes = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'bookinfo', namespace: 'istio-system' },
  spec: {
    hosts: ['bookinfo.example.com'],
    gateways: ['bookinfo'],
    http: [
      {
        match: [{ uri: { exact: '/productpage' } }],
        route: [{ destination: { host: 'productpage.bookinfo.svc.cluster.local', port: { number: 9080 } } }],
      },
    ],
  },
};

/** Everything the app applies, in order. */
export const manifests = [
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'admin', namespace: 'istio-system' },
    spec: {
      selector: { istio: 'ingressgateway' },
      servers: [
        { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['admin.example.com'], tls: { httpsRedirect: true } },
        { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['admin.example.com'], tls: { mode: 'SIMPLE', credentialName: 'admin-cert' } },
      ],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: { host: 'reviews', trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } } },
  },
];
