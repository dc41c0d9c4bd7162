import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Gateway, GatewaySpecServersTlsMode } from './imports/networking.istio.io';

export class Ingress extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    // The shop gateway: HTTP redirects to HTTPS.
    new Gateway(this, 'gateway', {
      metadata: { name: 'shop', namespace: 'istio-system' },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop.example.com'], tls: { httpsRedirect: true } },
          { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['shop.example.com'], tls: { mode: GatewaySpecServersTlsMode.SIMPLE, credentialName: 'shop-cert' } },
        ],
      },
    });
  }
}
