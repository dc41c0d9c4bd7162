import { App, Chart, ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export class Ingress extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new ApiObject(this, 'gateway', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'api', namespace: 'istio-system' },
      spec: {
        gatewayClassName: 'istio',
        listeners: [
          {
            name: 'http',
            hostname: 'api.example.com',
            port: 80,
            protocol: 'HTTP',
            allowedRoutes: { namespaces: { from: 'Same' } },
          },
          {
            name: 'https',
            hostname: 'api.example.com',
            port: 443,
            protocol: 'HTTPS',
            tls: {
              mode: 'Terminate',
              certificateRefs: [{ group: '', kind: 'Secret', name: 'api-cert' }],
            },
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    });
    new ApiObject(this, 'gateway-httproute', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'api-http-https-redirect', namespace: 'istio-system' },
      spec: {
        parentRefs: [{ name: 'api', sectionName: 'http' }],
        hostnames: ['api.example.com'],
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

    new ApiObject(this, 'routes', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'api', namespace: 'istio-system' },
      spec: {
        parentRefs: [{ name: 'api', sectionName: 'https' }],
        hostnames: ['api.example.com'],
        rules: [
          { backendRefs: [{ name: 'api', namespace: 'backend', port: 8080 }] },
        ],
      },
    });
    new ApiObject(this, 'routes-referencegrant', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'allow-to-service-api', namespace: 'backend' },
      spec: {
        from: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'HTTPRoute',
            namespace: 'istio-system',
          },
        ],
        to: [{ group: '', kind: 'Service', name: 'api' }],
      },
    });
  }
}

const app = new App();
new Ingress(app, 'ingress');
app.synth();
