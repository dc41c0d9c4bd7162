// Silent changes that verify finds in the current mappers. Each is `it.fails`: when a mapper
// starts reporting it, this test fails and the case moves to the passing tables.
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/verify/verify.js';

const REGEX_THEN_CATCH_ALL = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: ["*"] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web, namespace: default }
spec:
  hosts: [a.example.com]
  gateways: [gw]
  http:
  - match: [{ uri: { regex: "/[ab]+" } }]
    route: [{ destination: { host: s2, port: { number: 80 } } }]
  - route: [{ destination: { host: s1, port: { number: 80 } } }]
`;

describe('known silent changes of the mappers', () => {
  // A rule without matches is defaulted by the CRD to PathPrefix "/", which Istio ranks above
  // every RegularExpression (conversion.go getURIRank): GET /a went to s2, now goes to s1.
  it.fails('regex rule before a catch-all: the catch-all now outranks the regex (found by the property test)', () => {
    const r = verify([{ file: 'in.yaml', text: REGEX_THEN_CATCH_ALL }], undefined);
    expect(r.changes.filter((c) => !c.explainedBy).map((c) => c.requestText)).toEqual([]);
  });
});
