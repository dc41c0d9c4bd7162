import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { VirtualService } from '../imports/networking.istio.io';

export class Routes extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new VirtualService(this, 'shop', {
      metadata: { name: 'shop', namespace: 'istio-system' },
      spec: {
        hosts: ['shop.example.com'],
        gateways: ['shop'],
        http: [
          {
            match: [{ uri: { exact: '/healthz' } }],
            route: [{ destination: { host: 'health.istio-system.svc.cluster.local', port: { number: 8080 } } }],
          },
          {
            match: [{ uri: { prefix: '/api' }, headers: { 'x-canary': { exact: 'true' } } }],
            headers: {
              request: { set: { 'x-route': 'canary' }, remove: ['x-debug'] },
              response: { add: { 'x-served-by': 'shop' } },
            },
            route: [
              { destination: { host: 'api.shop.svc.cluster.local', port: { number: 8080 } }, weight: 90 },
              { destination: { host: 'api-canary.shop.svc.cluster.local', port: { number: 8080 } }, weight: 10 },
            ],
          },
        ],
      },
    });
  }
}
