// Ingress for the bookinfo app, written as plain objects.
export const gateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'bookinfo', namespace: 'istio-system' },
  spec: {
    gatewayClassName: 'istio',
    listeners: [
      {
        name: 'https',
        hostname: 'bookinfo.example.com',
        port: 443,
        protocol: 'HTTPS',
        tls: {
          mode: 'Terminate',
          certificateRefs: [
            { group: '', kind: 'Secret', name: 'bookinfo-cert' },
          ],
        },
        allowedRoutes: { namespaces: { from: 'All' } },
      },
      {
        name: 'http',
        hostname: 'bookinfo.example.com',
        port: 80,
        protocol: 'HTTP',
        allowedRoutes: { namespaces: { from: 'Same' } },
      },
    ],
  },
};

export const gatewayHTTPRoute = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'bookinfo-http-https-redirect', namespace: 'istio-system' },
  spec: {
    parentRefs: [{ name: 'bookinfo', sectionName: 'http' }],
    hostnames: ['bookinfo.example.com'],
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
};

export const routes = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'bookinfo', namespace: 'istio-system' },
  spec: {
    parentRefs: [{ name: 'bookinfo', sectionName: 'https' }],
    hostnames: ['bookinfo.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'Exact', value: '/productpage' } }],
        backendRefs: [
          { name: 'productpage', namespace: 'bookinfo', port: 9080 },
        ],
      },
    ],
  },
};

export const routesReferenceGrant = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'ReferenceGrant',
  metadata: { name: 'allow-to-service-productpage', namespace: 'bookinfo' },
  spec: {
    from: [
      {
        group: 'gateway.networking.k8s.io',
        kind: 'HTTPRoute',
        namespace: 'istio-system',
      },
    ],
    to: [{ group: '', kind: 'Service', name: 'productpage' }],
  },
};

/** Everything the app applies, in order. */
export const manifests = [
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'admin', namespace: 'istio-system' },
    spec: {
      gatewayClassName: 'istio',
      listeners: [
        {
          name: 'http',
          hostname: 'admin.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
        {
          name: 'https',
          hostname: 'admin.example.com',
          port: 443,
          protocol: 'HTTPS',
          tls: {
            mode: 'Terminate',
            certificateRefs: [{ group: '', kind: 'Secret', name: 'admin-cert' }],
          },
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
    },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'admin-http-https-redirect', namespace: 'istio-system' },
    spec: {
      parentRefs: [{ name: 'admin', sectionName: 'http' }],
      hostnames: ['admin.example.com'],
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
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: { host: 'reviews', trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } } },
  },
];
