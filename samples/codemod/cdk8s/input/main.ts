import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Gateway, GatewaySpecServersTlsMode, VirtualService } from './imports/networking.istio.io';

export class Ingress extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new Gateway(this, 'gateway', {
      metadata: { name: 'api', namespace: 'istio-system' },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['api.example.com'], tls: { httpsRedirect: true } },
          { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['api.example.com'], tls: { mode: GatewaySpecServersTlsMode.SIMPLE, credentialName: 'api-cert' } },
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
