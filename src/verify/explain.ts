// Which finding of the conversion tells the user about a changed request. A change is explained
// when a finding points at a rule involved in it (source path `spec.http[2]…`, or its target
// path on the generated route), at the VirtualService's binding fields, at the Gateway server of
// the probe's port, or at the resource as a whole with severity error.
import { compareFindings, type Finding, SEVERITY_RANK } from '../findings/finding.js';
import { gatewayServiceOf } from '../model/gateway-service.js';
import type { ConfigIndex } from '../model/index.js';
import { serversOnClientPort } from '../routing/gateway-ports.js';
import type { Request, RouteRef } from '../routing/request.js';

/** A resource and the field paths of it that a change involves. */
export interface Subject {
  kind: string;
  namespace: string;
  name: string;
  /** `spec.http[2]`; a finding at that path or below it explains. */
  paths: string[];
  /** Generated objects are matched by a finding's `target`, Istio ones by its `source`. */
  side: 'source' | 'target';
}

export function under(path: string | undefined, prefix: string): boolean {
  if (path === undefined) return false;
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** Fields of a VirtualService that decide where all of it applies: a finding there concerns every rule. */
const BINDING_FIELDS = ['spec.hosts', 'spec.gateways', 'spec.exportTo'];

export function explains(f: Finding, s: Subject): boolean {
  const ref = s.side === 'source' ? f.source : f.target;
  if (
    !ref ||
    ref.kind !== s.kind ||
    ref.name !== s.name ||
    (ref.namespace ?? s.namespace) !== s.namespace
  )
    return false;
  const path = ref.path;
  const selectorOnly = s.kind === 'Gateway' && s.paths.every((p) => p === 'spec.selector');
  if (!path) return f.severity === 'error' && !selectorOnly;
  // Where a Gateway's pods are (its selector) explains a change only with a warning or worse:
  // the info findings there (merged, provisioned) say nothing moves.
  if (s.kind === 'Gateway' && under(path, 'spec.selector'))
    return SEVERITY_RANK[f.severity] >= SEVERITY_RANK.warning && s.paths.includes('spec.selector');
  if (s.paths.some((p) => under(path, p))) return true;
  return (
    s.kind === 'VirtualService' &&
    SEVERITY_RANK[f.severity] >= SEVERITY_RANK.warning &&
    BINDING_FIELDS.some((b) => under(path, b))
  );
}

/** Subjects of a change: the classic rules involved, the generated rule that decided after, the Gateway server of the port. */
export function subjectsOf(
  req: Request,
  classicRules: readonly RouteRef[],
  generatedRules: readonly RouteRef[],
  index: ConfigIndex,
  listenerChanged: boolean,
): Subject[] {
  const out = new Map<string, Subject>();
  const add = (ref: RouteRef, side: Subject['side']) => {
    const key = `${side}|${ref.kind}|${ref.namespace}|${ref.name}`;
    const s = out.get(key) ?? {
      kind: ref.kind,
      namespace: ref.namespace,
      name: ref.name,
      paths: [],
      side,
    };
    if (ref.path && !s.paths.includes(ref.path)) s.paths.push(ref.path);
    out.set(key, s);
  };
  for (const r of classicRules) {
    add(r, 'source');
    // A rule merged in from a delegate: the root's delegating rule is involved too.
    if (r.root) add(r.root, 'source');
  }
  for (const r of generatedRules) add(r, 'target');
  if (req.entry.kind === 'gateway') {
    // The pods serve every Istio Gateway selecting them: a finding on where the entry Gateway's
    // pods now are (split from the Gateways it shared them with) explains any change there.
    add(
      {
        kind: 'Gateway',
        namespace: req.entry.namespace,
        name: req.entry.name,
        path: 'spec.selector',
      },
      'source',
    );
  }
  if (req.entry.kind === 'gateway' && (listenerChanged || classicRules.length === 0)) {
    const gw = index.gateway(req.entry.namespace, req.entry.name);
    // The servers of the port the client used: the Service port in front of them, or as written.
    const svc = gw ? gatewayServiceOf(index, gw) : undefined;
    const onPort = new Set(gw ? serversOnClientPort(gw, svc, req.port) : []);
    const paths = (gw?.spec.servers ?? []).flatMap((s, i) =>
      onPort.has(s) || s.port.number === req.port ? [`spec.servers[${i}]`] : [],
    );
    add(
      { kind: 'Gateway', namespace: req.entry.namespace, name: req.entry.name, path: '' },
      'source',
    );
    const s = out.get(`source|Gateway|${req.entry.namespace}|${req.entry.name}`)!;
    s.paths.push(...paths);
    // A change on a port the Gateway has no server for is still the Gateway's as a whole.
    if (paths.length === 0) s.paths.push('spec.servers');
  }
  return [...out.values()];
}

/** The first finding (ids in `prefer` first, then report order) that explains a change with these subjects. */
export function explainBy(
  findings: readonly Finding[],
  subjects: readonly Subject[],
  prefer: readonly string[] = [],
): Finding | undefined {
  const rank = (f: Finding) => (prefer.includes(f.id) ? prefer.indexOf(f.id) : prefer.length);
  // Only findings about a subject's resource can explain (see `explains`): look those up instead
  // of sorting every finding per change. The first by (rank, report order, position) wins, as
  // the first of a stable sort of all findings would.
  const byResource = findingsByResource(findings);
  let best: { f: Finding; at: number } | undefined;
  for (const s of subjects) {
    for (const at of byResource.get(`${s.side}|${s.kind}|${s.name}`) ?? []) {
      const f = findings[at]!;
      if (best && (best.at === at || rank(f) - rank(best.f) > 0)) continue;
      if (!explains(f, s)) continue;
      if (!best) best = { f, at };
      else {
        const order = rank(f) - rank(best.f) || compareFindings(f, best.f) || at - best.at;
        if (order < 0) best = { f, at };
      }
    }
  }
  return best?.f;
}

const resourceIndexes = new WeakMap<
  readonly Finding[],
  { size: number; map: Map<string, number[]> }
>();

/** Positions of the findings by the resource their source (or target) names. */
function findingsByResource(findings: readonly Finding[]): Map<string, number[]> {
  const known = resourceIndexes.get(findings);
  if (known && known.size === findings.length) return known.map;
  const m = new Map<string, number[]>();
  const add = (k: string, i: number) => {
    const l = m.get(k);
    if (l) l.push(i);
    else m.set(k, [i]);
  };
  findings.forEach((f, i) => {
    if (f.source?.kind !== undefined) add(`source|${f.source.kind}|${f.source.name}`, i);
    if (f.target?.kind !== undefined) add(`target|${f.target.kind}|${f.target.name}`, i);
  });
  resourceIndexes.set(findings, { size: findings.length, map: m });
  return m;
}
