import type { FindingId } from '../../findings/finding.js';
// Server `tls` → listener protocol and `tls`. Facts from Istio's Gateway API implementation
// (pilot/pkg/config/kube/gateway/conversion.go buildTLS): Terminate + option
// `gateway.istio.io/tls-terminate-mode` MUTUAL | OPTIONAL_MUTUAL | ISTIO_MUTUAL | ISTIO_SIMPLE,
// at most 2 certificateRefs; Passthrough + option `gateway.istio.io/listener-protocol:
// auto-passthrough` is AUTO_PASSTHROUGH (pilot/pkg/serviceregistry/kube IsAutoPassthrough).
import type { GatewayTLSConfig, Listener, SecretObjectReference } from '../../gateway-api/types.js';
import type { FieldPath, IstioGateway, IstioServer } from '../../model/resources.js';
import { gateRequirement, supports } from '../../target.js';
import { type MapContext, reportAt } from '../context.js';
import type { IstioProtocolFamily } from './protocol.js';

export const TLS_TERMINATE_MODE = 'gateway.istio.io/tls-terminate-mode';
export const LISTENER_PROTOCOL = 'gateway.istio.io/listener-protocol';
export const TLS_CIPHER_SUITES = 'gateway.istio.io/tls-cipher-suites';

type ServerTLS = NonNullable<IstioServer['tls']>;
type TLSMode = NonNullable<ServerTLS['mode']>;

/** A Secret as a `credentialName` names it. */
export interface Credential {
  namespace: string;
  name: string;
}

/**
 * `credentialName` → Secret: `kubernetes://` stripped; `ns/name` keeps its namespace, a bare name
 * is read in the gateway workload's namespace. `builtin://` (the workload certificate) is not a Secret.
 */
export function parseCredential(raw: string, workloadNamespace: string): Credential | 'builtin' {
  if (raw.startsWith('builtin://')) return 'builtin';
  const s = raw.startsWith('kubernetes://') ? raw.slice('kubernetes://'.length) : raw;
  const slash = s.indexOf('/');
  if (slash > 0) return { namespace: s.slice(0, slash), name: s.slice(slash + 1) };
  return { namespace: workloadNamespace, name: s };
}

export interface TLSEnv {
  gw: IstioGateway;
  serverIndex: number;
  ctx: MapContext;
  /** Namespace of the classic gateway workload (where Istio reads `credentialName`). */
  credentialNamespace: string;
  /** Namespace of the generated Gateway. */
  gatewayNamespace: string;
  /** Client-certificate validation goes to `spec.tls.frontend` (decided per Gateway beforehand). */
  frontend: boolean;
}

export type ServerListenerTLS =
  | { skip: true }
  | {
      skip: false;
      protocol: Listener['protocol'];
      tls?: GatewayTLSConfig;
      httpsRedirect: boolean;
      /** Credentials referenced (for ReferenceGrants when they are in another namespace). */
      credentials: Credential[];
    };

const DEFAULT_MIN = new Set(['TLS_AUTO', 'TLSV1_2']);
const DEFAULT_MAX = new Set(['TLS_AUTO', 'TLSV1_3']);
const FILE_FIELDS = [
  'serverCertificate',
  'privateKey',
  'caCertificates',
  'tlsCertificates',
] as const;
const CLIENT_CHECKS = [
  'subjectAltNames',
  'verifyCertificateSpki',
  'verifyCertificateHash',
  'caCrl',
] as const;

function has(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** Istio's default TLS mode (enum value 0) is PASSTHROUGH (networking/v1alpha3 ServerTLSSettings). */
export function effectiveMode(tls: ServerTLS | undefined): TLSMode | undefined {
  if (!tls) return undefined;
  return tls.mode ?? 'PASSTHROUGH';
}

/** Terminating modes, whose listener is HTTPS with certificates. */
export const TERMINATE_MODES: ReadonlySet<TLSMode> = new Set([
  'SIMPLE',
  'MUTUAL',
  'OPTIONAL_MUTUAL',
  'ISTIO_MUTUAL',
]);

/**
 * The listener protocol and `tls` for one server, reporting every field that is not carried
 * over at its exact path. A server that cannot become a valid listener gives `skip`.
 */
export function serverListenerTLS(
  server: IstioServer,
  family: IstioProtocolFamily,
  env: TLSEnv,
): ServerListenerTLS {
  const { gw, ctx } = env;
  const base: FieldPath = ['spec', 'servers', env.serverIndex, 'tls'];
  const at = (field: string): FieldPath => [...base, field];
  const tls = server.tls;
  const report = (id: FindingId, field: string, message: string, hint?: string): void =>
    reportAt(ctx, id, gw, at(field), hint ? { message, hint } : { message });
  const noEffect = (fields: readonly string[], why: string): void => {
    for (const f of fields)
      if (tls && has((tls as Record<string, unknown>)[f]))
        report('gateway-field-no-effect', f, `tls.${f} ${why}; dropped`);
  };
  const allFields = tls
    ? Object.keys(tls).filter((k) => has((tls as Record<string, unknown>)[k]))
    : [];

  // Plaintext HTTP servers ignore `tls` except httpsRedirect (pkg/config/gateway IsHTTPServer).
  if (family === 'http') {
    noEffect(
      allFields.filter((f) => f !== 'httpsRedirect'),
      'has no effect on a plaintext HTTP server',
    );
    return {
      skip: false,
      protocol: 'HTTP',
      httpsRedirect: tls?.httpsRedirect === true,
      credentials: [],
    };
  }
  if (family === 'https' && !tls) {
    reportAt(
      ctx,
      'gateway-tls-credential-missing',
      gw,
      ['spec', 'servers', env.serverIndex, 'port', 'protocol'],
      {
        message: 'HTTPS server without tls settings (Istio rejects it); no listener was written',
      },
    );
    return { skip: true };
  }
  // A TLS server without tls settings is routed by SNI without terminating (classic Istio treats it
  // as a TLS route target); Gateway API needs the mode spelled out on a TLS listener (the CRD's CEL).
  if (!tls && family === 'tls')
    return {
      skip: false,
      protocol: 'TLS',
      tls: { mode: 'Passthrough' },
      httpsRedirect: false,
      credentials: [],
    };
  if (!tls) return { skip: false, protocol: 'TCP', httpsRedirect: false, credentials: [] };

  const mode = effectiveMode(tls)!;
  if (tls.httpsRedirect)
    report(
      'gateway-field-no-effect',
      'httpsRedirect',
      'tls.httpsRedirect only redirects plaintext HTTP servers; dropped',
    );

  if (mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') {
    noEffect(
      allFields.filter((f) => f !== 'mode' && f !== 'httpsRedirect'),
      `has no effect in ${mode} mode (TLS is not terminated)`,
    );
    const out: GatewayTLSConfig = { mode: 'Passthrough' };
    if (mode === 'AUTO_PASSTHROUGH') {
      out.options = { [LISTENER_PROTOCOL]: 'auto-passthrough' };
      if (!ctx.options.reuseGateway) {
        report(
          'gateway-auto-passthrough',
          'mode',
          'AUTO_PASSTHROUGH became option gateway.istio.io/listener-protocol: auto-passthrough; Istio routes it by SNI only on a gateway running in sni-dnat router mode (ISTIO_META_ROUTER_MODE), which a newly provisioned gateway may not be',
          'use an east-west gateway class or reuse the existing gateway (--reuse-gateway)',
        );
      }
    }
    return { skip: false, protocol: 'TLS', tls: out, httpsRedirect: false, credentials: [] };
  }

  // Terminating modes from here on.
  if (family !== 'https') {
    report(
      'gateway-tls-termination-not-https',
      'mode',
      `${server.port.protocol} server terminates TLS (${mode}); a Gateway API listener terminates TLS only for HTTPS, so no listener was written`,
      'terminate TLS on an HTTPS listener, or pass it through (mode PASSTHROUGH) to the backend',
    );
    return { skip: true };
  }

  const options: Record<string, string> = {};
  const credentials: Credential[] = [];
  const refs: SecretObjectReference[] = [];
  const names = has(tls.credentialNames)
    ? tls.credentialNames!
    : has(tls.credentialName)
      ? [tls.credentialName!]
      : [];
  const namesField = has(tls.credentialNames) ? 'credentialNames' : 'credentialName';
  let builtin = false;
  for (const raw of names) {
    const c = parseCredential(raw, env.credentialNamespace);
    if (c === 'builtin') {
      builtin = true;
      continue;
    }
    credentials.push(c);
  }

  if (mode === 'ISTIO_MUTUAL') {
    // The gateway's own mesh certificate; Istio needs no certificateRefs (conversion.go buildTLS).
    options[TLS_TERMINATE_MODE] = 'ISTIO_MUTUAL';
    noEffect(
      allFields.filter((f) => f !== 'mode'),
      'has no effect in ISTIO_MUTUAL mode (the workload certificate is used)',
    );
    return {
      skip: false,
      protocol: 'HTTPS',
      tls: { mode: 'Terminate', options },
      httpsRedirect: false,
      credentials: [],
    };
  }

  const fileFields = FILE_FIELDS.filter((f) => has(tls[f]));
  if (credentials.length === 0 && !builtin) {
    if (fileFields.length > 0) {
      for (const f of fileFields) {
        report(
          'gateway-tls-file-certificates',
          f,
          `tls.${f} points at a file mounted in the gateway pod; a Gateway API listener only references Secrets, so no listener was written`,
          'store the certificate and key in a kubernetes.io/tls Secret and set credentialName',
        );
      }
    } else {
      report(
        'gateway-tls-credential-missing',
        'mode',
        `${mode} server has no credentialName; an HTTPS listener needs certificateRefs, so no listener was written`,
      );
    }
    return { skip: true };
  }
  // With a credentialName Istio ignores file paths (legacy `sds` placeholders included).
  noEffect(fileFields, 'is ignored by Istio when credentialName is set');

  if (builtin && credentials.length === 0) {
    options[TLS_TERMINATE_MODE] = 'ISTIO_SIMPLE';
  }
  if (credentials.length > 2) {
    report(
      'gateway-tls-too-many-certificates',
      namesField,
      `${credentials.length} credentials; Istio's Gateway API implementation rejects a listener with more than 2 certificateRefs, so only the first 2 were written`,
    );
    credentials.splice(2);
  }
  for (const c of credentials) {
    const ref: SecretObjectReference = { group: '', kind: 'Secret', name: c.name };
    if (c.namespace !== env.gatewayNamespace) ref.namespace = c.namespace;
    refs.push(ref);
  }

  const mutual = mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL';
  if (mode === 'MUTUAL' && !env.frontend) options[TLS_TERMINATE_MODE] = 'MUTUAL';
  if (mode === 'OPTIONAL_MUTUAL') {
    if (supports(ctx.target, 'tlsTerminateOptionalMutual'))
      options[TLS_TERMINATE_MODE] = 'OPTIONAL_MUTUAL';
    else {
      options[TLS_TERMINATE_MODE] = 'MUTUAL';
      report(
        'gateway-tls-mode-unavailable',
        'mode',
        `OPTIONAL_MUTUAL needs ${gateRequirement('tlsTerminateOptionalMutual')}; written as MUTUAL, so clients without a certificate are now rejected`,
        'target Istio ≥ 1.27 (--istio) to keep optional client certificates',
      );
    }
  }

  if (has(tls.cipherSuites)) {
    if (supports(ctx.target, 'tlsCipherSuitesOption'))
      options[TLS_CIPHER_SUITES] = tls.cipherSuites!.join(',');
    else
      report(
        'gateway-tls-setting-dropped',
        'cipherSuites',
        `tls.cipherSuites needs ${gateRequirement('tlsCipherSuitesOption')}; Envoy's default cipher suites apply`,
        'target Istio ≥ 1.29 (--istio)',
      );
  }
  for (const f of ['minProtocolVersion', 'maxProtocolVersion'] as const) {
    const v = tls[f];
    if (!v) continue;
    const isDefault = f === 'minProtocolVersion' ? DEFAULT_MIN.has(v) : DEFAULT_MAX.has(v);
    if (isDefault)
      report('gateway-field-no-effect', f, `tls.${f} ${v} is the gateway default; dropped`);
    else
      report(
        'gateway-tls-setting-dropped',
        f,
        `tls.${f} ${v} has no listener equivalent; the gateway default (TLS 1.2 to 1.3, meshConfig.tlsDefaults) applies`,
        'set meshConfig.tlsDefaults.minProtocolVersion mesh-wide if the version matters',
      );
  }
  if (has(tls.ecdhCurves))
    report(
      'gateway-tls-setting-dropped',
      'ecdhCurves',
      "tls.ecdhCurves has no listener equivalent; Envoy's default curves apply",
    );

  for (const f of CLIENT_CHECKS) {
    if (!has(tls[f])) continue;
    if (mutual)
      report(
        'gateway-client-validation-dropped',
        f,
        `tls.${f} restricted which client certificates are accepted; Gateway API has no equivalent, so any certificate signed by the CA is accepted`,
      );
    else
      report(
        'gateway-field-no-effect',
        f,
        `tls.${f} only checks client certificates, which ${mode} does not request; dropped`,
      );
  }
  if (tls.insecureSkipVerify === true) {
    if (mutual)
      report(
        'gateway-client-validation-dropped',
        'insecureSkipVerify',
        'tls.insecureSkipVerify accepted client certificates without verification; the converted listener verifies them, so such clients are now rejected',
      );
    else
      report(
        'gateway-field-no-effect',
        'insecureSkipVerify',
        `tls.insecureSkipVerify has no effect in ${mode} mode; dropped`,
      );
  }
  if (has(tls.caCertCredentialName)) {
    if (!mutual)
      report(
        'gateway-field-no-effect',
        'caCertCredentialName',
        `tls.caCertCredentialName has no effect in ${mode} mode; dropped`,
      );
    else if (!env.frontend)
      report(
        'gateway-client-validation-dropped',
        'caCertCredentialName',
        `tls.caCertCredentialName has no listener option; Istio reads the client CA from ca.crt of ${credentials.map((c) => `${c.namespace}/${c.name}`).join(', ')} (or its -cacert Secret) instead`,
        'put the CA into that Secret, or use --frontend-validation on a target with spec.tls.frontend',
      );
  }

  const out: GatewayTLSConfig = { mode: 'Terminate' };
  if (refs.length) out.certificateRefs = refs;
  if (Object.keys(options).length) out.options = options;
  return { skip: false, protocol: 'HTTPS', tls: out, httpsRedirect: false, credentials };
}
