// Which EnvoyFilter patches still match on the new gateway pods. Classic gateway pods listen on
// the targetPort of their Service port (pilot/pkg/model/gateway.go resolvePorts; the port as
// written when no Service port matches), a provisioned Gateway's pods on the listener port, and
// istiod names their listeners, filter chains, route configurations and virtual hosts after the
// Gateway API Gateway, not the Istio Gateway and its server port names.
import type { FieldPath } from '../../model/resources.js';
import type { GatewayPlan } from '../gateway/plan.js';
import { portMoves } from './ports.js';

type Json = Record<string, unknown>;

/** One patch that cannot follow, and why. */
export interface StuckPatch {
  index: number;
  path: FieldPath;
  why: string;
}

export interface PatchSplit {
  /** Patches for the counterpart, in order. */
  kept: unknown[];
  stuck: StuckPatch[];
  /** Patches for sidecars only: they never applied to the gateway pods. */
  sidecarOnly: number;
}

const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;

/** Match fields that name something the new gateway names differently. */
const NAMED: readonly { at: readonly string[]; what: string }[] = [
  { at: ['listener', 'name'], what: 'a listener name' },
  { at: ['listener', 'filterChain', 'name'], what: 'a filter chain name' },
  { at: ['routeConfiguration', 'name'], what: 'a route configuration name' },
  { at: ['routeConfiguration', 'gateway'], what: 'the Istio Gateway by name' },
  { at: ['routeConfiguration', 'portName'], what: 'a server port name' },
  { at: ['routeConfiguration', 'vhost', 'name'], what: 'a virtual host name' },
  { at: ['routeConfiguration', 'vhost', 'route', 'name'], what: 'a route name' },
];

const PORTS: readonly (readonly string[])[] = [
  ['listener', 'portNumber'],
  ['listener', 'filterChain', 'destinationPort'],
  ['routeConfiguration', 'portNumber'],
];

function dig(o: Json | undefined, at: readonly string[]): unknown {
  let cur: unknown = o;
  for (const k of at) cur = obj(cur)?.[k];
  return cur;
}

/** Splits the configPatches of an EnvoyFilter into those that follow to the new pods and the stuck. */
export function splitPatches(patches: readonly unknown[], plan: GatewayPlan): PatchSplit {
  const out: PatchSplit = { kept: [], stuck: [], sidecarOnly: 0 };
  const { moves } = portMoves(plan);
  patches.forEach((p, index) => {
    const match = obj(obj(p)?.match);
    const context = match?.context;
    if (context === 'SIDECAR_INBOUND' || context === 'SIDECAR_OUTBOUND') {
      out.sidecarOnly++;
      return;
    }
    const why = stuckReason(match, moves);
    if (why)
      out.stuck.push({
        index,
        path: ['spec', 'configPatches', index, 'match', ...why.at],
        why: why.text,
      });
    else out.kept.push(p);
  });
  return out;
}

function stuckReason(
  match: Json | undefined,
  moves: Map<number, number>,
): { at: readonly string[]; text: string } | undefined {
  for (const n of NAMED) {
    const v = dig(match, n.at);
    if (v !== undefined)
      return {
        at: n.at,
        text: `it matches ${n.what} (${n.at.join('.')}: ${JSON.stringify(v)}), which istiod names after the Gateway API Gateway on the new pods`,
      };
  }
  for (const at of PORTS) {
    const v = dig(match, at);
    if (typeof v !== 'number') continue;
    const to = moves.get(v);
    if (to === v) continue;
    const text =
      to === undefined
        ? `it matches port ${v} (${at.join('.')}), and the port the new pods listen on for it is not known (no Service manifest of the old gateway maps it)`
        : `it matches port ${v} (${at.join('.')}), where the old pods listened; the new pods listen on ${to}`;
    return { at, text };
  }
  return undefined;
}
