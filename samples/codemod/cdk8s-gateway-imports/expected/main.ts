import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Gateway, GatewaySpecListenersAllowedRoutesNamespacesFrom, GatewaySpecListenersTlsMode, HttpRoute, HttpRouteSpecRulesFiltersType, HttpRouteSpecRulesFiltersRequestRedirectScheme, HttpRouteSpecRulesFiltersRequestRedirectStatusCode } from './imports/gateway.networking.k8s.io';

export class Ingress extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    // The shop gateway: HTTP redirects to HTTPS.
    new Gateway(this, 'gateway', {
      metadata: { name: 'shop', namespace: 'istio-system' },
      spec: {
        gatewayClassName: 'istio',
        listeners: [
          {
            name: 'http',
            hostname: 'shop.example.com',
            port: 80,
            protocol: 'HTTP',
            allowedRoutes: {
              namespaces: {
                from: GatewaySpecListenersAllowedRoutesNamespacesFrom.SAME,
              },
            },
          },
          {
            name: 'https',
            hostname: 'shop.example.com',
            port: 443,
            protocol: 'HTTPS',
            tls: {
              mode: GatewaySpecListenersTlsMode.TERMINATE,
              certificateRefs: [
                { group: '', kind: 'Secret', name: 'shop-cert' },
              ],
            },
            allowedRoutes: {
              namespaces: {
                from: GatewaySpecListenersAllowedRoutesNamespacesFrom.ALL,
              },
            },
          },
        ],
      },
    });
    new HttpRoute(this, 'gateway-httproute', {
      metadata: { name: 'shop-http-https-redirect', namespace: 'istio-system' },
      spec: {
        parentRefs: [{ name: 'shop', sectionName: 'http' }],
        hostnames: ['shop.example.com'],
        rules: [
          {
            filters: [
              {
                type: HttpRouteSpecRulesFiltersType.REQUEST_REDIRECT,
                requestRedirect: {
                  scheme: HttpRouteSpecRulesFiltersRequestRedirectScheme.HTTPS,
                  statusCode: HttpRouteSpecRulesFiltersRequestRedirectStatusCode.VALUE_301,
                },
              },
            ],
          },
        ],
      },
    });
  }
}
