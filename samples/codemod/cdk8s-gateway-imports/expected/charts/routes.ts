import { Chart, ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { HttpRoute, HttpRouteSpecRulesMatchesPathType, HttpRouteSpecRulesMatchesHeadersType, HttpRouteSpecRulesFiltersType } from '../imports/gateway.networking.k8s.io';

export class Routes extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new HttpRoute(this, 'shop', {
      metadata: { name: 'shop', namespace: 'istio-system' },
      spec: {
        parentRefs: [{ name: 'shop', sectionName: 'https' }],
        hostnames: ['shop.example.com'],
        rules: [
          {
            matches: [
              {
                path: {
                  type: HttpRouteSpecRulesMatchesPathType.EXACT,
                  value: '/healthz',
                },
              },
            ],
            backendRefs: [{ name: 'health', port: 8080 }],
          },
          {
            matches: [
              {
                path: {
                  type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX,
                  value: '/api',
                },
                headers: [
                  {
                    type: HttpRouteSpecRulesMatchesHeadersType.EXACT,
                    name: 'x-canary',
                    value: 'true',
                  },
                ],
              },
            ],
            filters: [
              {
                type: HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER,
                requestHeaderModifier: {
                  set: [{ name: 'x-route', value: 'canary' }],
                  remove: ['x-debug'],
                },
              },
              {
                type: HttpRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER,
                responseHeaderModifier: {
                  add: [{ name: 'x-served-by', value: 'shop' }],
                },
              },
            ],
            backendRefs: [
              { name: 'api', namespace: 'shop', port: 8080, weight: 90 },
              { name: 'api-canary', namespace: 'shop', port: 8080, weight: 10 },
            ],
          },
        ],
      },
    });
    new ApiObject(this, 'shop-referencegrant', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'allow-to-service-api', namespace: 'shop' },
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
    new ApiObject(this, 'shop-referencegrant-2', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'allow-to-service-api-canary', namespace: 'shop' },
      spec: {
        from: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'HTTPRoute',
            namespace: 'istio-system',
          },
        ],
        to: [{ group: '', kind: 'Service', name: 'api-canary' }],
      },
    });
  }
}
