// `--backend-tls-policy`: simple TLS origination in a DestinationRule (trafficPolicy.tls mode
// SIMPLE) also written as the portable BackendTLSPolicy (semantics.md §7). Istio turns a
// BackendTLSPolicy back into a DestinationRule for the host (pilot/pkg/config/kube/gateway
// backend_policies.go): SNI = validation.hostname, SANs from subjectAltNames, CA from a ConfigMap
// only (Secret CA refs are not supported), system roots for wellKnownCACertificates: System.
import type { BackendTLSPolicy } from '../../gateway-api/types.js';
import type { FieldPath } from '../../model/resources.js';
import { resolveShortHost } from '../../model/index.js';
import { gateRequirement, supports } from '../../target.js';
import type { Emitted, MapContext } from '../context.js';
import { reportAt } from '../context.js';
import { boundedLabel } from '../subsets/names.js';

type Json = Record<string, unknown>;
const CLUSTER_FQDN =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc\.cluster\.local$/;
const ISTIO_MERGES_BACKEND_TLS = ['1.31'];

/** BackendTLSPolicies for the DestinationRules' SIMPLE TLS settings; the DestinationRules stay. */
export function backendTlsPolicies(ctx: MapContext): Emitted[] {
  if (!ctx.options.backendTlsPolicy) return [];
  const out: Emitted[] = [];
  for (const dr of ctx.index.destinationRules) {
    const spec = dr.raw.spec as Json | undefined;
    const tp = spec?.trafficPolicy as Json | undefined;
    if (!tp) continue;
    const settings: { tls: Json; port?: number; at: FieldPath }[] = [];
    if (tp.tls) settings.push({ tls: tp.tls as Json, at: ['spec', 'trafficPolicy', 'tls'] });
    ((tp.portLevelSettings as Json[] | undefined) ?? []).forEach((pl, i) => {
      const n = (pl.port as Json | undefined)?.number;
      if (pl.tls)
        settings.push({
          tls: pl.tls as Json,
          ...(typeof n === 'number' ? { port: n } : {}),
          at: ['spec', 'trafficPolicy', 'portLevelSettings', i, 'tls'],
        });
    });
    for (const s of settings) {
      if (s.tls.mode !== 'SIMPLE') continue;
      const fail = (why: string): void =>
        reportAt(ctx, 'backend-tls-policy-not-converted', dr, s.at, {
          message: `TLS origination of DestinationRule ${dr.namespace}/${dr.name} is not written as a BackendTLSPolicy: ${why}; the DestinationRule is kept and keeps originating TLS`,
        });
      if (!supports(ctx.target, 'backendTlsPolicyV1')) {
        fail(`BackendTLSPolicy v1 needs ${gateRequirement('backendTlsPolicyV1')}`);
        continue;
      }
      const host = resolveShortHost(String(spec?.host ?? ''), dr.namespace);
      const m = CLUSTER_FQDN.exec(host);
      if (!m) {
        fail(
          `host ${host} is not a Kubernetes Service; Istio's BackendTLSPolicy targets Services (ServiceEntry targets only in recent Istio releases this tool does not target yet)`,
        );
        continue;
      }
      if (spec?.workloadSelector) {
        fail(
          'the DestinationRule has a workloadSelector, and a BackendTLSPolicy applies to every client',
        );
        continue;
      }
      if (s.tls.caCertificates || s.tls.credentialName) {
        fail(
          `its CA (${s.tls.caCertificates ? 'a file path in caCertificates' : `Secret ${String(s.tls.credentialName)}`}) cannot be a BackendTLSPolicy caCertificateRef (Istio reads a CA from a ConfigMap only)`,
        );
        continue;
      }
      if (s.tls.insecureSkipVerify) {
        fail('insecureSkipVerify has no BackendTLSPolicy equivalent');
        continue;
      }
      const [, name, namespace] = [m[0], m[1]!, m[3]!];
      const svc = ctx.index.service(namespace, name);
      let sectionName: string | undefined;
      if (s.port !== undefined) {
        sectionName = svc?.spec.ports?.find((p) => p.port === s.port)?.name;
        if (!sectionName) {
          fail(
            `port ${s.port} needs the Service port's name as sectionName, and ${svc ? `port ${s.port} of Service ${namespace}/${name} has none` : `Service ${namespace}/${name} is not in the input`}`,
          );
          continue;
        }
      }
      const sni = typeof s.tls.sni === 'string' ? s.tls.sni : undefined;
      const sans = Array.isArray(s.tls.subjectAltNames) ? (s.tls.subjectAltNames as string[]) : [];
      const policy: BackendTLSPolicy = {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'BackendTLSPolicy',
        metadata: {
          name: sectionName ? boundedLabel(dr.name, sectionName) : dr.name.slice(0, 253),
          namespace,
        },
        spec: {
          targetRefs: [
            { group: '', kind: 'Service', name, ...(sectionName ? { sectionName } : {}) },
          ],
          validation: {
            wellKnownCACertificates: 'System',
            hostname: sni ?? host,
            ...(sans.length
              ? {
                  subjectAltNames: sans.map((v) =>
                    v.includes('://') ? { type: 'URI', uri: v } : { type: 'Hostname', hostname: v },
                  ),
                }
              : {}),
          },
        },
      };
      out.push({ object: policy, origin: dr });
      reportAt(ctx, 'backend-tls-policy-created', dr, s.at, {
        message: `BackendTLSPolicy ${namespace}/${policy.metadata.name} originates TLS to Service ${namespace}/${name}${sectionName ? ` port ${sectionName}` : ''} with SNI ${sni ?? host} and the system CA roots, as the DestinationRule did${sni ? '' : ` (it set no sni: Istio sent the request's host; the policy always sends ${host})`}`,
      });
      if (!ISTIO_MERGES_BACKEND_TLS.includes(ctx.target.istio)) {
        reportAt(ctx, 'backend-tls-policy-conflict', dr, s.at, {
          message: `on Istio ${ctx.target.istio} a BackendTLSPolicy and DestinationRule ${dr.namespace}/${dr.name} for the same host conflict (Istio generates a DestinationRule from the policy): remove the tls setting from the DestinationRule when applying the policy, or drop the policy`,
        });
      }
    }
  }
  return out;
}
