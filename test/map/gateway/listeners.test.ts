import { describe, expect, it } from 'vitest';
import { gateway, notable, run } from './helpers.js';

const http = (name: string, hosts: string[], port = 80, protocol = 'HTTP', extra = ''): string => `
  - port: {number: ${port}, name: ${name}, protocol: ${protocol}}
    hosts: [${hosts.map((h) => JSON.stringify(h)).join(', ')}]${extra}`;

describe('listeners: one per server × host', () => {
  const cases: { name: string; servers: string; listeners: unknown[]; findings?: string[] }[] = [
    {
      name: 'single host keeps the port name; hostname lowercased; bare host → All',
      servers: http('http', ['App.Example.com']),
      listeners: [
        {
          name: 'http',
          hostname: 'app.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
    },
    {
      name: '* → no hostname; several hosts → <port>-<host> names',
      servers: http('http', ['*', 'a.example.com', '*.b.example.com']),
      listeners: [
        {
          name: 'http-wildcard',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
        {
          name: 'http-a.example.com',
          hostname: 'a.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
        {
          name: 'http-wildcard.b.example.com',
          hostname: '*.b.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
    },
    {
      name: 'server name wins over port name; taken names get the host, then a counter',
      servers:
        `
  - name: Web_Front
    port: {number: 80, name: http, protocol: HTTP}
    hosts: [a.example.com]` +
        http('web-front', ['b.example.com'], 8082) +
        http('web-front', ['b.example.com'], 8081),
      listeners: [
        {
          name: 'web-front',
          hostname: 'a.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
        {
          name: 'web-front-b.example.com',
          hostname: 'b.example.com',
          port: 8082,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
        {
          name: 'web-front-b.example.com-2',
          hostname: 'b.example.com',
          port: 8081,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
    },
    {
      name: 'namespace parts: ./ → Same, ns/ → Selector, */ → All; same hostname merges into In',
      servers: http('http', [
        './a.example.com',
        'prod/b.example.com',
        '*/c.example.com',
        'prod/d.example.com',
        'dev/d.example.com',
      ]),
      listeners: [
        {
          name: 'http-a.example.com',
          hostname: 'a.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
        {
          name: 'http-b.example.com',
          hostname: 'b.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: {
            namespaces: {
              from: 'Selector',
              selector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod' } },
            },
          },
        },
        {
          name: 'http-c.example.com',
          hostname: 'c.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
        {
          name: 'http-d.example.com',
          hostname: 'd.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: {
            namespaces: {
              from: 'Selector',
              selector: {
                matchExpressions: [
                  { key: 'kubernetes.io/metadata.name', operator: 'In', values: ['dev', 'prod'] },
                ],
              },
            },
          },
        },
      ],
    },
    {
      name: 'HTTP2/GRPC are plaintext HTTP in Istio (tls ignored); MONGO → TCP without hostname',
      servers:
        http(
          'grpc',
          ['g.example.com'],
          9000,
          'grpc',
          '\n    tls: {mode: SIMPLE, credentialName: c}',
        ) + http('mongo', ['db.example.com', 'db2.example.com'], 27017, 'MONGO'),
      listeners: [
        {
          name: 'grpc',
          hostname: 'g.example.com',
          port: 9000,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
        {
          name: 'mongo-db.example.com',
          port: 27017,
          protocol: 'TCP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
      findings: [
        'gateway-protocol-normalized spec.servers[0].port.protocol 10',
        'gateway-field-no-effect spec.servers[0].tls.mode 12',
        'gateway-field-no-effect spec.servers[0].tls.credentialName 12',
        'gateway-protocol-normalized spec.servers[1].port.protocol 13',
        'gateway-tcp-hostname-dropped spec.servers[1].hosts[0] 14',
        'gateway-tcp-hostname-dropped spec.servers[1].hosts[1] 14',
      ],
    },
    {
      name: 'unknown protocol and UDP: no listener, error',
      servers: http('dns', ['*'], 53, 'UDP') + http('http', ['*']),
      listeners: [
        {
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
      findings: ['gateway-protocol-unsupported spec.servers[0].port.protocol 10'],
    },
    {
      name: 'IP address host: no hostname, warning',
      servers: http('http', ['10.0.0.1']),
      listeners: [
        {
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
      findings: ['gateway-hostname-invalid spec.servers[0].hosts[0] 11'],
    },
    {
      name: 'same port/protocol/hostname from two servers: merged when equal',
      servers: http('http-a', ['foo/x.example.com']) + http('http-b', ['bar/x.example.com']),
      listeners: [
        {
          name: 'http-a',
          hostname: 'x.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: {
            namespaces: {
              from: 'Selector',
              selector: {
                matchExpressions: [
                  { key: 'kubernetes.io/metadata.name', operator: 'In', values: ['bar', 'foo'] },
                ],
              },
            },
          },
        },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = run(gateway(c.servers));
      expect(out.gateways).toHaveLength(1);
      expect(out.gateways[0]!.spec.listeners).toEqual(c.listeners);
      expect(notable(out)).toEqual(c.findings ?? []);
    });
  }

  it('two servers, same listener key, different TLS: the first wins, warning', () => {
    const out = run(
      gateway(`
  - port: {number: 443, name: https-a, protocol: HTTPS}
    hosts: [x.example.com]
    tls: {mode: SIMPLE, credentialName: a}
  - port: {number: 443, name: https-b, protocol: HTTPS}
    hosts: [x.example.com]
    tls: {mode: SIMPLE, credentialName: b}`),
    );
    expect(
      out.gateways[0]!.spec.listeners.map((l) => [l.name, l.tls?.certificateRefs?.[0]?.name]),
    ).toEqual([['https-a', 'a']]);
    expect(notable(out)).toEqual(['gateway-listener-duplicate spec.servers[1].hosts[0] 14']);
  });

  it('names do not depend on the order of other servers (stable sectionNames)', () => {
    const a = run(
      gateway(http('http', ['a.example.com']) + http('admin', ['b.example.com'], 8080)),
    );
    const b = run(
      gateway(http('admin', ['b.example.com'], 8080) + http('http', ['a.example.com'])),
    );
    const names = (o: typeof a) => o.gateways[0]!.spec.listeners.map((l) => l.name).sort();
    expect(names(a)).toEqual(names(b));
  });

  it('no usable server: no Gateway, error', () => {
    const out = run(gateway(http('dns', ['*'], 53, 'UDP')));
    expect(out.gateways).toEqual([]);
    expect(notable(out)).toEqual([
      'gateway-no-listeners spec.servers 9',
      'gateway-protocol-unsupported spec.servers[0].port.protocol 10',
    ]);
  });

  it('more than 64 listeners: the first 64 are written, error', () => {
    const hosts = Array.from({ length: 70 }, (_, i) => `h${i}.example.com`);
    const out = run(gateway(http('http', hosts)));
    expect(out.gateways[0]!.spec.listeners).toHaveLength(64);
    expect(notable(out)).toEqual(['gateway-listener-limit spec.servers[0].hosts[64] 11']);
  });

  it('bind, defaultEndpoint, targetPort: reported at their fields', () => {
    const out = run(
      gateway(`
  - port: {number: 80, name: http, protocol: HTTP, targetPort: 8080}
    bind: 127.0.0.1
    defaultEndpoint: 127.0.0.1:8080
    hosts: ['*']`),
    );
    expect(notable(out)).toEqual([
      'gateway-field-no-effect spec.servers[0].port.targetPort 10',
      'gateway-server-field-dropped spec.servers[0].bind 11',
      'gateway-server-field-dropped spec.servers[0].defaultEndpoint 12',
    ]);
  });
});
