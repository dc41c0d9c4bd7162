// Which finding of the conversion tells the user about a changed request. A change is explained
// when a finding points at a rule involved in it (source path `spec.http[2]…`, or its target
// path on the generated route), at the VirtualService's binding fields, at the Gateway server of
// the probe's port, or at the resource as a whole with severity error.
import { compareFindings, type Finding, SEVERITY_RANK } from '../findings/finding.js';
import type { ConfigIndex } from '../model/index.js';
import type { Request, RouteRef } from './request.js';

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
  if (!ref || ref.kind !== s.kind || ref.name !== s.name || (ref.namespace ?? s.namespace) !== s.namespace) return false;
  const path = ref.path;
  if (!path) return f.severity === 'error';
  if (s.paths.some((p) => under(path, p))) return true;
  return s.kind === 'VirtualService' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK.warning && BINDING_FIELDS.some((b) => under(path, b));
}

/** Subjects of a change: the classic rules involved, the generated rule that decided after, the Gateway server of the port. */
export function subjectsOf(req: Request, classicRules: readonly RouteRef[], generatedRules: readonly RouteRef[], index: ConfigIndex, listenerChanged: boolean): Subject[] {
  const out = new Map<string, Subject>();
  const add = (ref: RouteRef, side: Subject['side']) => {
    const key = `${side}|${ref.kind}|${ref.namespace}|${ref.name}`;
    const s = out.get(key) ?? { kind: ref.kind, namespace: ref.namespace, name: ref.name, paths: [], side };
    if (ref.path && !s.paths.includes(ref.path)) s.paths.push(ref.path);
    out.set(key, s);
  };
  for (const r of classicRules) add(r, 'source');
  for (const r of generatedRules) add(r, 'target');
  if (req.entry.kind === 'gateway' && (listenerChanged || classicRules.length === 0)) {
    const gw = index.gateway(req.entry.namespace, req.entry.name);
    const paths = (gw?.spec.servers ?? []).flatMap((s, i) => (s.port.number === req.port ? [`spec.servers[${i}]`] : []));
    add({ kind: 'Gateway', namespace: req.entry.namespace, name: req.entry.name, path: '' }, 'source');
    const s = out.get(`source|Gateway|${req.entry.namespace}|${req.entry.name}`)!;
    s.paths.push(...paths);
    // A change on a port the Gateway has no server for is still the Gateway's as a whole.
    if (paths.length === 0) s.paths.push('spec.servers');
  }
  return [...out.values()];
}

/** The first finding (ids in `prefer` first, then report order) that explains a change with these subjects. */
export function explainBy(findings: readonly Finding[], subjects: readonly Subject[], prefer: readonly string[] = []): Finding | undefined {
  const rank = (f: Finding) => (prefer.includes(f.id) ? prefer.indexOf(f.id) : prefer.length);
  return [...findings].sort((a, b) => rank(a) - rank(b) || compareFindings(a, b)).find((f) => subjects.some((s) => explains(f, s)));
}
