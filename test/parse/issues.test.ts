import { describe, expect, it } from 'vitest';
import { convert } from '../../src/index.js';

const GW = (server: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: a}
spec:
  servers:
  - ${server}
`;
const HTTP = 'port: {number: 80, name: http, protocol: HTTP}\n    hosts: [a.example.com]';

// Schema errors say what was found and what to write instead (not zod's "Invalid input").
describe('invalid-field messages', () => {
  it.each([
    [
      'a quoted number',
      GW(HTTP.replace('number: 80', 'number: "80"')),
      'spec.servers[0].port.number is "80" (a string), but Istio\'s schema wants a number: write 80 without quotes',
    ],
    [
      'a lower-case enum',
      GW(`${HTTP}\n    tls: {mode: simple}`),
      'spec.servers[0].tls.mode is "simple" (a string), which Istio\'s schema does not allow: write SIMPLE (the names are upper case)',
    ],
    [
      'an unknown enum',
      GW(`${HTTP}\n    tls: {mode: STRICT}`),
      'spec.servers[0].tls.mode is "STRICT" (a string), which Istio\'s schema does not allow: write one of PASSTHROUGH, SIMPLE, MUTUAL, AUTO_PASSTHROUGH, ISTIO_MUTUAL, OPTIONAL_MUTUAL',
    ],
    [
      'a string for a list',
      GW(HTTP.replace('[a.example.com]', 'a.example.com')),
      'spec.servers[0].hosts is "a.example.com" (a string), but Istio\'s schema wants a list: write ["a.example.com"]',
    ],
    [
      'a quoted boolean',
      GW(`${HTTP}\n    tls: {httpsRedirect: "true"}`),
      'spec.servers[0].tls.httpsRedirect is "true" (a string), but Istio\'s schema wants true or false: write true without quotes',
    ],
    [
      'a missing field',
      GW('port: {number: 80, name: http, protocol: HTTP}'),
      "spec.servers[0].hosts is missing; Istio's schema requires it (a list)",
    ],
    [
      'a negative number',
      GW(HTTP.replace('number: 80', 'number: -1')),
      "spec.servers[0].port.number is -1 (a number), but Istio's schema wants a value >= 0",
    ],
  ])('%s', (_name, text, message) => {
    const r = convert(text);
    expect(r.findings.filter((f) => f.id === 'invalid-field').map((f) => f.message)).toEqual([
      `${message}; the resource is skipped`,
    ]);
  });

  it('a duration without its unit', () => {
    const r = convert(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: a}
spec:
  hosts: [a]
  http:
  - timeout: 10
    route:
    - destination: {host: a}
`);
    expect(r.findings.map((f) => f.message)).toEqual([
      'spec.http[0].timeout is 10 (a number), but Istio\'s schema wants a string: write a duration with its unit, such as "10s"; the resource is skipped',
    ]);
  });
});
