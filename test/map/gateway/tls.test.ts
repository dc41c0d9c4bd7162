import { describe, expect, it } from 'vitest';
import type { ConvertOptions } from '../../../src/index.js';
import { gateway, notable, run } from './helpers.js';

// Server at line 10; `tls:` at line 12, its fields on line 13 (flow mapping).
const https = (tls: string, protocol = 'HTTPS', hosts = '[a.example.com]'): string => `
  - port: {number: 443, name: https, protocol: ${protocol}}
    hosts: ${hosts}
    tls:
      ${tls}`;

interface Case {
  name: string;
  tls: string;
  protocol?: string;
  options?: ConvertOptions;
  listener?: unknown;
  findings?: string[];
}

const L = (protocol: string, tls: unknown) => ({
  name: 'https',
  hostname: 'a.example.com',
  port: 443,
  protocol,
  tls,
  allowedRoutes: { namespaces: { from: 'All' } },
});
const cert = (name: string) => ({ group: '', kind: 'Secret', name });

describe('server tls → listener tls', () => {
  const cases: Case[] = [
    {
      name: 'SIMPLE → Terminate + certificateRef (kubernetes:// stripped)',
      tls: '{mode: SIMPLE, credentialName: "kubernetes://app-cert"}',
      listener: L('HTTPS', { mode: 'Terminate', certificateRefs: [cert('app-cert')] }),
    },
    {
      name: 'credentialNames → two certificateRefs',
      tls: '{mode: SIMPLE, credentialNames: [rsa, ecdsa]}',
      listener: L('HTTPS', { mode: 'Terminate', certificateRefs: [cert('rsa'), cert('ecdsa')] }),
    },
    {
      name: 'three credentialNames: first two, error',
      tls: '{mode: SIMPLE, credentialNames: [a, b, c]}',
      listener: L('HTTPS', { mode: 'Terminate', certificateRefs: [cert('a'), cert('b')] }),
      findings: ['gateway-tls-too-many-certificates spec.servers[0].tls.credentialNames 13'],
    },
    {
      name: 'MUTUAL → option tls-terminate-mode MUTUAL',
      tls: '{mode: MUTUAL, credentialName: c}',
      listener: L('HTTPS', {
        mode: 'Terminate',
        certificateRefs: [cert('c')],
        options: { 'gateway.istio.io/tls-terminate-mode': 'MUTUAL' },
      }),
    },
    {
      name: 'OPTIONAL_MUTUAL on Istio 1.31 → option',
      tls: '{mode: OPTIONAL_MUTUAL, credentialName: c}',
      listener: L('HTTPS', {
        mode: 'Terminate',
        certificateRefs: [cert('c')],
        options: { 'gateway.istio.io/tls-terminate-mode': 'OPTIONAL_MUTUAL' },
      }),
    },
    {
      name: 'OPTIONAL_MUTUAL on Istio 1.26 → MUTUAL (fails closed), error',
      tls: '{mode: OPTIONAL_MUTUAL, credentialName: c}',
      options: { istio: '1.26' },
      listener: L('HTTPS', {
        mode: 'Terminate',
        certificateRefs: [cert('c')],
        options: { 'gateway.istio.io/tls-terminate-mode': 'MUTUAL' },
      }),
      findings: ['gateway-tls-mode-unavailable spec.servers[0].tls.mode 13'],
    },
    {
      name: 'ISTIO_MUTUAL → option only (no certificateRefs needed)',
      tls: '{mode: ISTIO_MUTUAL}',
      listener: L('HTTPS', {
        mode: 'Terminate',
        options: { 'gateway.istio.io/tls-terminate-mode': 'ISTIO_MUTUAL' },
      }),
    },
    {
      name: 'PASSTHROUGH on HTTPS → TLS Passthrough',
      tls: '{mode: PASSTHROUGH}',
      listener: L('TLS', { mode: 'Passthrough' }),
      findings: ['gateway-protocol-normalized spec.servers[0].port.protocol 10'],
    },
    {
      name: 'mode unset is PASSTHROUGH (Istio enum default)',
      tls: '{}',
      protocol: 'TLS',
      listener: L('TLS', { mode: 'Passthrough' }),
    },
    {
      name: 'AUTO_PASSTHROUGH → listener-protocol option',
      tls: '{mode: AUTO_PASSTHROUGH}',
      protocol: 'TLS',
      options: { reuseGateway: true },
      listener: L('TLS', {
        mode: 'Passthrough',
        options: { 'gateway.istio.io/listener-protocol': 'auto-passthrough' },
      }),
    },
    {
      name: 'cipherSuites on Istio 1.31 → option',
      tls: '{mode: SIMPLE, credentialName: c, cipherSuites: [ECDHE-RSA-AES256-GCM-SHA384, ECDHE-RSA-AES128-GCM-SHA256]}',
      listener: L('HTTPS', {
        mode: 'Terminate',
        certificateRefs: [cert('c')],
        options: {
          'gateway.istio.io/tls-cipher-suites':
            'ECDHE-RSA-AES256-GCM-SHA384,ECDHE-RSA-AES128-GCM-SHA256',
        },
      }),
    },
    {
      name: 'cipherSuites on Istio 1.26 → dropped, warning',
      tls: '{mode: SIMPLE, credentialName: c, cipherSuites: [ECDHE-RSA-AES256-GCM-SHA384]}',
      options: { istio: '1.26' },
      listener: L('HTTPS', { mode: 'Terminate', certificateRefs: [cert('c')] }),
      findings: ['gateway-tls-setting-dropped spec.servers[0].tls.cipherSuites 13'],
    },
    {
      name: 'protocol versions: default → info, other → warning; ecdhCurves → warning',
      tls: '{mode: SIMPLE, credentialName: c, minProtocolVersion: TLSV1_3, maxProtocolVersion: TLSV1_3, ecdhCurves: [P-256]}',
      listener: L('HTTPS', { mode: 'Terminate', certificateRefs: [cert('c')] }),
      findings: [
        'gateway-tls-setting-dropped spec.servers[0].tls.minProtocolVersion 13',
        'gateway-field-no-effect spec.servers[0].tls.maxProtocolVersion 13',
        'gateway-tls-setting-dropped spec.servers[0].tls.ecdhCurves 13',
      ],
    },
    {
      name: 'MUTUAL client checks → error each',
      tls: '{mode: MUTUAL, credentialName: c, subjectAltNames: [spiffe://x], verifyCertificateHash: [ab], caCertCredentialName: ca}',
      listener: L('HTTPS', {
        mode: 'Terminate',
        certificateRefs: [cert('c')],
        options: { 'gateway.istio.io/tls-terminate-mode': 'MUTUAL' },
      }),
      findings: [
        'gateway-client-validation-dropped spec.servers[0].tls.subjectAltNames 13',
        'gateway-client-validation-dropped spec.servers[0].tls.verifyCertificateHash 13',
        'gateway-client-validation-dropped spec.servers[0].tls.caCertCredentialName 13',
      ],
    },
    {
      name: 'file certificates without credentialName → no listener, error',
      tls: '{mode: SIMPLE, serverCertificate: /etc/certs/cert.pem, privateKey: /etc/certs/key.pem}',
      findings: [
        'gateway-no-listeners spec.servers 9',
        'gateway-tls-file-certificates spec.servers[0].tls.serverCertificate 13',
        'gateway-tls-file-certificates spec.servers[0].tls.privateKey 13',
      ],
    },
    {
      name: 'file paths beside credentialName are ignored by Istio → info',
      tls: '{mode: SIMPLE, credentialName: c, serverCertificate: sds, privateKey: sds}',
      listener: L('HTTPS', { mode: 'Terminate', certificateRefs: [cert('c')] }),
      findings: [
        'gateway-field-no-effect spec.servers[0].tls.serverCertificate 13',
        'gateway-field-no-effect spec.servers[0].tls.privateKey 13',
      ],
    },
    {
      name: 'HTTPS SIMPLE without any credential → no listener, error',
      tls: '{mode: SIMPLE}',
      findings: [
        'gateway-no-listeners spec.servers 9',
        'gateway-tls-credential-missing spec.servers[0].tls.mode 13',
      ],
    },
    {
      name: 'TCP terminating TLS → no listener, error',
      tls: '{mode: SIMPLE, credentialName: c}',
      protocol: 'TCP',
      findings: [
        'gateway-no-listeners spec.servers 9',
        'gateway-tls-termination-not-https spec.servers[0].tls.mode 13',
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = run(gateway(https(c.tls, c.protocol)), c.options);
      if (c.listener) expect(out.gateways[0]!.spec.listeners).toEqual([c.listener]);
      else expect(out.gateways).toEqual([]);
      expect(notable(out)).toEqual(c.findings ?? []);
    });
  }

  it('no listener for HTTPS is ever written without certificateRefs or an Istio mode option', () => {
    for (const tls of [
      '{mode: SIMPLE}',
      '{mode: MUTUAL}',
      '{mode: OPTIONAL_MUTUAL}',
      '{credentialName: c, mode: SIMPLE, serverCertificate: x}',
    ]) {
      for (const l of run(gateway(https(tls))).gateways.flatMap((g) => g.spec.listeners)) {
        if (l.protocol === 'HTTPS') expect(l.tls?.certificateRefs?.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('certificates in another namespace', () => {
  it('Gateway in default, workload in istio-system: cross-namespace ref + ReferenceGrant', () => {
    const out = run(
      gateway(https('{mode: SIMPLE, credentialName: app-cert}'), { namespace: 'default' }),
    );
    expect(out.gateways[0]!.spec.listeners[0]!.tls).toEqual({
      mode: 'Terminate',
      certificateRefs: [{ group: '', kind: 'Secret', name: 'app-cert', namespace: 'istio-system' }],
    });
    expect(out.others).toEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ReferenceGrant',
        metadata: { name: 'allow-to-secret-app-cert', namespace: 'istio-system' },
        spec: {
          from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'default' }],
          to: [{ group: '', kind: 'Secret', name: 'app-cert' }],
        },
      },
    ]);
  });

  it('ReferenceGrant is v1beta1 before Gateway API v1.5', () => {
    const out = run(
      gateway(https('{mode: SIMPLE, credentialName: app-cert}'), { namespace: 'default' }),
      { gatewayApi: 'v1.4' },
    );
    expect(out.others.map((o) => o.apiVersion)).toEqual(['gateway.networking.k8s.io/v1beta1']);
  });
});

describe('frontend validation (spec.tls.frontend)', () => {
  const mutual = https('{mode: MUTUAL, credentialName: c}');
  const frontend = {
    default: { validation: { caCertificateRefs: [cert('c')], mode: 'AllowValidOnly' } },
  };
  const cases: { name: string; options: ConvertOptions; frontend?: unknown; findings: string[] }[] =
    [
      {
        name: 'v1.6 standard, Istio 1.31: frontend',
        options: { frontendValidation: true },
        frontend,
        findings: ['gateway-frontend-validation spec.servers[0].tls.mode 13'],
      },
      {
        name: 'v1.4 experimental: frontend',
        options: { frontendValidation: true, gatewayApi: 'v1.4', channel: 'experimental' },
        frontend,
        findings: ['gateway-frontend-validation spec.servers[0].tls.mode 13'],
      },
      {
        name: 'v1.4 standard: option, info',
        options: { frontendValidation: true, gatewayApi: 'v1.4' },
        findings: ['gateway-frontend-validation-not-used spec.servers[0].tls.mode 13'],
      },
      {
        name: 'v1.2: option, info',
        options: { frontendValidation: true, gatewayApi: 'v1.2', channel: 'experimental' },
        findings: ['gateway-frontend-validation-not-used spec.servers[0].tls.mode 13'],
      },
      { name: 'not asked: option, silent', options: {}, findings: [] },
    ];
  for (const c of cases) {
    it(c.name, () => {
      const out = run(gateway(mutual), c.options);
      const g = out.gateways[0]!;
      expect(g.spec.tls?.frontend).toEqual(c.frontend);
      expect(g.spec.listeners[0]!.tls?.options).toEqual(
        c.frontend ? undefined : { 'gateway.istio.io/tls-terminate-mode': 'MUTUAL' },
      );
      expect(notable(out)).toEqual(c.findings);
    });
  }

  it('a SIMPLE server beside a MUTUAL one keeps the option (frontend would validate it too)', () => {
    const out = run(
      gateway(
        mutual +
          `
  - port: {number: 9443, name: https-simple, protocol: HTTPS}
    hosts: [b.example.com]
    tls: {mode: SIMPLE, credentialName: d}`,
      ),
      { frontendValidation: true },
    );
    expect(out.gateways[0]!.spec.tls).toBeUndefined();
    expect(notable(out)).toEqual([
      'gateway-frontend-validation-not-used spec.servers[0].tls.mode 13',
    ]);
  });
});
