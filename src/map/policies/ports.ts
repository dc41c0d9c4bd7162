// Destination ports seen by the old gateway pods and by the pods Istio provisions for the
// Gateway. A classic gateway listens on the pod port of each server: the targetPort of the
// Service port it names, the number as written otherwise (pilot/pkg/model/gateway.go
// resolvePorts; "mergeGateways will already translate Service port to targetPort",
// pilot/pkg/networking/core/gateway.go). The provisioned Service maps each listener port to the
// same port (istio-discovery files/kube-gateway.yaml sets no targetPort), so the new pods listen
// on the listener ports. AuthorizationPolicy `ports`/`notPorts` and `destination.port` conditions
// match Envoy's destination port (pilot/pkg/security/authz/model/generator.go destPortGenerator),
// WasmPlugin `match[].ports` the listener port (pilot/pkg/model/extensions.go matchPorts): both
// the port Envoy listens on, so a counterpart must name the new one.
import { listenPortFor } from '../../model/gateway-service.js';
import type { FieldPath } from '../../model/resources.js';
import type { GatewayPlan } from '../gateway/plan.js';

type Json = Record<string, unknown>;

export interface PortMoves {
  /** Port the old pods listened on → port the new pods listen on, per converted server. */
  moves: Map<number, number>;
  /** Server ports whose old pod port is not known (a named targetPort no workload resolves). */
  unknown: number[];
  /** Every port the new pods listen on. */
  listened: Set<number>;
}

export function portMoves(plan: GatewayPlan): PortMoves {
  const out: PortMoves = { moves: new Map(), unknown: [], listened: new Set() };
  const svc = plan.workload?.gatewayService;
  for (const lp of plan.listeners) {
    out.listened.add(lp.listener.port);
    const n = lp.server.port.number;
    const old = listenPortFor(svc, n);
    if (typeof old === 'number') out.moves.set(old, lp.listener.port);
    else if (!out.unknown.includes(n)) out.unknown.push(n);
  }
  return out;
}

/** A port a policy names that cannot be carried to the new pods, and why. */
export interface StuckPort {
  path: FieldPath;
  port: number;
  why: string;
}

export interface PortRewrite {
  /** `8080→80`, once per distinct move made. */
  moved: string[];
  stuck: StuckPort[];
}

const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Rewrites, in `spec` (a counterpart's copy), every destination port of an AuthorizationPolicy
 * or WasmPlugin to the port the new pods see for the same traffic. A port the old pods never
 * listened on stays (it matched nothing and still matches nothing) unless the new pods listen on
 * it, where it would start matching: that one, and one whose old meaning is unknown, is stuck.
 */
export function movePolicyPorts(kind: string, spec: Json, plan: GatewayPlan): PortRewrite {
  const m = portMoves(plan);
  const out: PortRewrite = { moved: [], stuck: [] };
  const move = (v: unknown, path: FieldPath): unknown => {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    if (!Number.isInteger(n)) return v;
    const to = m.moves.get(n);
    if (to !== undefined) {
      if (to !== n && !out.moved.includes(`${n}→${to}`)) out.moved.push(`${n}→${to}`);
      return typeof v === 'string' ? String(to) : to;
    }
    if (m.listened.has(n))
      out.stuck.push({
        path,
        port: n,
        why: `the old pods never listened on ${n}, the new pods do`,
      });
    else if (m.unknown.length)
      out.stuck.push({
        path,
        port: n,
        why:
          `the pod port behind server port ${m.unknown.join(', ')} ` +
          'is not known (named targetPort)',
      });
    return v;
  };
  const list = (o: Json | undefined, key: string, at: FieldPath): void => {
    if (o && Array.isArray(o[key])) o[key] = o[key].map((v, i) => move(v, [...at, key, i]));
  };
  if (kind === 'AuthorizationPolicy') {
    arr(spec.rules).forEach((rule, ri) => {
      const at = ['spec', 'rules', ri];
      arr(obj(rule)?.to).forEach((to, ti) => {
        const op = obj(obj(to)?.operation);
        for (const key of ['ports', 'notPorts']) list(op, key, [...at, 'to', ti, 'operation']);
      });
      arr(obj(rule)?.when).forEach((w, wi) => {
        const c = obj(w);
        if (c?.key !== 'destination.port') return;
        for (const key of ['values', 'notValues']) list(c, key, [...at, 'when', wi]);
      });
    });
  } else if (kind === 'WasmPlugin') {
    arr(spec.match).forEach((sel, si) =>
      arr(obj(sel)?.ports).forEach((p, pi) => {
        const port = obj(p);
        if (port && 'number' in port)
          port.number = move(port.number, ['spec', 'match', si, 'ports', pi, 'number']);
      }),
    );
  }
  return out;
}
