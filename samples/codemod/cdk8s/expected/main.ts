import { App, Chart, ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { VirtualService } from './imports/networking.istio.io';

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

    new VirtualService(this, 'routes', {
      metadata: { name: 'api', namespace: 'istio-system' },
      spec: {
        hosts: ['api.example.com'],
        gateways: ['api'],
        http: [{ route: [{ destination: { host: 'api.backend.svc.cluster.local', port: { number: 8080 } } }] }],
      },
    });
  }
}

const app = new App();
new Ingress(app, 'ingress');
app.synth();
