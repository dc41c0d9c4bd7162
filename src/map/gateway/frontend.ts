// Client-certificate validation as portable `spec.tls.frontend` (GEP-91; standard from Gateway
// API v1.5, experimental v1.4; Istio ≥ 1.28). It is Gateway-wide (`default`) or per port
// (`perPort`) and cannot say "no validation" for a port, so it only replaces Istio's
// per-server MUTUAL when every terminating server of the Gateway is MUTUAL and the servers of
// each port share one CA.
import type { Gateway, ObjectReference } from '../../gateway-api/types.js';
import type { IstioGateway } from '../../model/resources.js';
import { gateRequirement, supports } from '../../target.js';
import type { MapContext } from '../context.js';
import { parseServerProtocol } from './protocol.js';
import { type Credential, effectiveMode, parseCredential, TERMINATE_MODES } from './tls.js';

export type FrontendDecision =
  | { use: true; tls: NonNullable<Gateway['spec']['tls']>; cas: Credential[]; firstServer: number }
  | { use: false; reason?: string; firstServer?: number };

const caKey = (c: Credential): string => `${c.namespace}/${c.name}`;

/** `listenerPort` maps a server port to its listener port (ports.ts): `perPort` names listener ports. */
export function planFrontend(
  gw: IstioGateway,
  ctx: MapContext,
  credentialNamespace: string,
  gatewayNamespace: string,
  listenerPort: (serverPort: number) => number = (n) => n,
): FrontendDecision {
  const servers = gw.spec.servers ?? [];
  const perPort = new Map<number, Credential>();
  let firstMutual: number | undefined;
  let blocker: string | undefined;
  servers.forEach((s, i) => {
    if (parseServerProtocol(s.port.protocol)?.family !== 'https') return;
    const mode = effectiveMode(s.tls);
    if (!mode || !TERMINATE_MODES.has(mode)) return;
    if (mode !== 'MUTUAL') {
      blocker ??= `server ${i} (${mode}) would inherit the Gateway-wide validation`;
      return;
    }
    firstMutual ??= i;
    const raw = s.tls?.caCertCredentialName || s.tls?.credentialNames?.[0] || s.tls?.credentialName;
    if (!raw) return;
    const ca = parseCredential(raw, credentialNamespace);
    if (ca === 'builtin') {
      blocker ??= `server ${i} uses the builtin certificate`;
      return;
    }
    const port = listenerPort(s.port.number);
    const prev = perPort.get(port);
    if (prev && caKey(prev) !== caKey(ca))
      blocker ??= `port ${port} has MUTUAL servers with different CAs (${caKey(prev)}, ${caKey(ca)})`;
    else perPort.set(port, ca);
  });
  if (firstMutual === undefined || !ctx.options.frontendValidation) return { use: false };
  if (!supports(ctx.target, 'frontendValidation'))
    return {
      use: false,
      firstServer: firstMutual,
      reason: `it needs ${gateRequirement('frontendValidation')}`,
    };
  if (blocker || perPort.size === 0)
    return {
      use: false,
      firstServer: firstMutual,
      reason: blocker ?? 'no MUTUAL server has a credential',
    };

  const ref = (c: Credential): ObjectReference => {
    const r: ObjectReference = { group: '', kind: 'Secret', name: c.name };
    if (c.namespace !== gatewayNamespace) r.namespace = c.namespace;
    return r;
  };
  const ports = [...perPort.keys()].sort((a, b) => a - b);
  const def = perPort.get(ports[0]!)!;
  const tls: NonNullable<Gateway['spec']['tls']> = {
    frontend: {
      default: { validation: { caCertificateRefs: [ref(def)], mode: 'AllowValidOnly' } },
    },
  };
  const others = ports.filter((p) => caKey(perPort.get(p)!) !== caKey(def));
  if (others.length) {
    tls.frontend!.perPort = others.map((port) => ({
      port,
      tls: {
        validation: {
          caCertificateRefs: [ref(perPort.get(port)!)],
          mode: 'AllowValidOnly' as const,
        },
      },
    }));
  }
  const seen = new Map<string, Credential>();
  for (const c of perPort.values()) seen.set(caKey(c), c);
  return { use: true, tls, cas: [...seen.values()], firstServer: firstMutual };
}
