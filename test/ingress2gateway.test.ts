import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseAllDocuments } from 'yaml';
import { convert, type K8sObject } from '../src/index.js';
import { loadCrds, validateWithCrds } from '../src/check/index.js';
import { HAS_SHARED, SHARED, listFiles } from './helpers/shared.js';

const DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

/** The defects of ingress2gateway's Istio provider (semantics.md §1) that our output must never have. */
function defects(objects: readonly K8sObject[]): string[] {
  const out: string[] = [];
  for (const o of objects) {
    const spec = o.spec as Record<string, any>;
    const id = `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
    if (o.kind === 'Gateway') {
      const names = spec.listeners.map((l: any) => l.name);
      if (new Set(names).size !== names.length) out.push(`${id}: duplicate listener names`);
      for (const l of spec.listeners) {
        if (l.protocol === 'TCP' && l.hostname)
          out.push(`${id}: hostname on TCP listener ${l.name}`);
        if (
          l.protocol === 'HTTPS' &&
          l.tls?.mode === 'Terminate' &&
          !l.tls.certificateRefs?.length &&
          !l.tls.options
        )
          out.push(`${id}: HTTPS listener ${l.name} without certificates`);
      }
    }
    for (const rule of spec.rules ?? []) {
      const refs = rule.backendRefs ?? [];
      if (refs.length === 1 && refs[0].weight === 0)
        out.push(`${id}: weight 0 on a single backend`);
      for (const d of Object.values(rule.timeouts ?? {}))
        if (!DURATION.test(String(d))) out.push(`${id}: invalid Duration ${String(d)}`);
    }
  }
  return out;
}

/** The fixture omits `port.name`, which Istio's CRD requires; add `port-<number>` where missing. */
function withPortNames(text: string): string {
  return parseAllDocuments(text)
    .map((doc) => {
      const servers = doc.getIn(['spec', 'servers']);
      if (isSeq(servers))
        servers.items.forEach((s, i) => {
          const port = doc.getIn(['spec', 'servers', i, 'port']);
          if (isMap(port) && !port.has('name'))
            port.set('name', `port-${String(port.get('number'))}`);
        });
      return doc.toString();
    })
    .join('---\n');
}

describe.skipIf(!HAS_SHARED)('ingress2gateway fixture inputs', () => {
  const files = listFiles(join(SHARED, 'corpus/ingress2gateway')).map((f) => ({
    file: relative(SHARED, f),
    text: readFileSync(f, 'utf8'),
  }));

  it("as written: the Gateway lacks the port names Istio's CRD requires, and is skipped with that error, not guessed", () => {
    const r = convert(files);
    const missing = r.findings.filter(
      (f) => f.id === 'invalid-field' && f.source?.path?.endsWith('.port.name'),
    );
    expect(missing.length).toBeGreaterThan(0);
    expect(defects(r.resources)).toEqual([]);
  });

  it('with the port names added: Gateways without any of the known defects, accepted by the CRDs', () => {
    const r = convert(files.map((f) => ({ ...f, text: withPortNames(f.text) })));
    expect(
      r.resources
        .filter((o) => o.kind === 'Gateway')
        .map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
    ).toEqual(['custom-ns/same-ns-gateway', 'prod/my-gateway', 'test/my-gateway']);
    // The fixtures' routes exercise what has no equivalent (delegate, regex rewrites, withoutHeaders…):
    // each such rule is an error finding, never a route that routes differently.
    expect(r.kept.map((k) => k.kind)).toEqual(expect.arrayContaining(['VirtualService']));
    // Two fixture files define VirtualService test/reviews-route: as kubectl apply does, the
    // later one (3-virtualservice-tls.yaml) is converted, the earlier one left out.
    expect(
      r.findings
        .filter((f) => f.id === 'duplicate-resource')
        .map((f) => [f.source?.name, f.source?.file]),
    ).toEqual([['reviews-route', 'corpus/ingress2gateway/2-virtualservice-http.yaml']]);
    expect(
      r.findings.filter((f) => f.source?.kind === 'VirtualService' && f.severity === 'error')
        .length,
    ).toBeGreaterThan(2);
    expect(defects(r.resources)).toEqual([]);
    const crds = loadCrds(join(SHARED, 'crds/gateway-api/v1.6.1/standard'));
    const gwApi = r.resources.filter((o) => o.apiVersion.startsWith('gateway.networking.k8s.io/'));
    expect(validateWithCrds(gwApi, crds).violations).toEqual([]);
    // Every TLS setting the fixture's comments say is ignored is reported, not dropped silently.
    const dropped = new Set(
      r.findings
        .filter((f) => f.source?.kind === 'Gateway')
        .map((f) => f.source?.path?.replace(/^spec\.servers\[1\]\.tls\./, '')),
    );
    for (const field of [
      'serverCertificate',
      'privateKey',
      'caCertificates',
      'subjectAltNames',
      'verifyCertificateSpki',
      'verifyCertificateHash',
      'minProtocolVersion',
      'maxProtocolVersion',
    ]) {
      expect(dropped, field).toContain(field);
    }
  });
});
