// Delegation in the HTTP mapper (docs/findings/delegate-*.md): a root VirtualService is mapped
// with its delegates' rules merged in as pilot merges them (routing/delegation.ts); the merged
// rules of each delegate go to HTTPRoutes in the delegate's namespace, so the team that owns the
// delegate keeps owning its routes. Every case pilot drops a rule for becomes a finding here.
import type { FieldPath, VirtualService } from '../../model/resources.js';
import { formatPath } from '../../model/resources.js';
import type { ConfigIndex } from '../../model/index.js';
import {
  delegateKey,
  type DelegationProblem,
  type Flattened,
  isDelegate,
  virtualServiceByKey,
} from '../../routing/delegation.js';
import { type HttpScope, raise } from './scope.js';

export interface Delegation {
  /** The delegate whose route rule `i` of the merged `http[]` goes to, if any. */
  ownerOf(i: number): VirtualService | undefined;
  /** The scope for rules of `owner`: routes (parentRefs, backendRefs) live in its namespace. */
  scopeOf(owner: VirtualService): HttpScope;
  /** Is `owner` shared by several roots (its routes are then named `<delegate>-<root>`)? */
  shared(owner: VirtualService): boolean;
}

/**
 * Sets `scope.flat`, reports what pilot drops, and tells which rules go to delegates' routes.
 * With mesh parents as well, delegated rules stay in the root's routes (mesh routes are placed
 * by their parents, not by the team that wrote the rule).
 */
export function delegationOf(
  scope: HttpScope,
  written: VirtualService,
  flat: Flattened,
  ownRoutes: boolean,
): Delegation {
  // Problems name fields of the root or the delegate as written: reported before `flat` is set.
  const plain: HttpScope = { ctx: scope.ctx, vs: written };
  for (const p of flat.problems) reportProblem(plain, written, p);
  reportShared(plain, written);
  scope.flat = { root: written, origins: flat.origins };
  const scopes = new Map<VirtualService, HttpScope>();
  return {
    ownerOf: (i) => (ownRoutes ? flat.origins[i]?.delegate?.vs : undefined),
    scopeOf: (owner) => {
      let s = scopes.get(owner);
      if (!s) {
        s = { ...scope, vs: { ...scope.vs, namespace: owner.namespace } };
        scopes.set(owner, s);
      }
      return s;
    },
    shared: (owner) => rootsOf(scope.ctx.index, owner).length > 1,
  };
}

const rootsByIndex = new WeakMap<ConfigIndex, Map<string, VirtualService[]>>();

/** The root VirtualServices of the input that delegate to `d`, in input order. */
export function rootsOf(index: ConfigIndex, d: VirtualService): readonly VirtualService[] {
  let m = rootsByIndex.get(index);
  if (!m) {
    m = new Map();
    for (const vs of index.virtualServices) {
      if (isDelegate(vs)) continue;
      const keys = new Set<string>();
      for (const r of vs.spec.http ?? [])
        if (r.delegate) keys.add(delegateKey(r.delegate, vs.namespace));
      for (const k of keys) {
        const list = m.get(k) ?? [];
        list.push(vs);
        m.set(k, list);
      }
    }
    rootsByIndex.set(index, m);
  }
  return m.get(`${d.namespace}/${d.name}`) ?? [];
}

const ruleAt = (i: number): FieldPath => ['spec', 'http', i, 'delegate'];

function reportProblem(scope: HttpScope, root: VirtualService, p: DelegationProblem): void {
  const at = ruleAt(p.rule);
  const dropped =
    'Istio drops this rule: its requests go to later rules or get a 404; no route is written for it either';
  switch (p.kind) {
    case 'not-found':
      raise(
        scope,
        'delegate-not-found',
        at,
        `delegate VirtualService ${p.key} is not in the input. If it is not in the cluster either, Istio drops this rule (its requests go to later rules or get a 404) and so does the output; if it is, its routes are lost from the output`,
        'Convert the delegate together with its root (pass both files or directories).',
      );
      return;
    case 'has-hosts':
      raise(
        scope,
        'delegate-has-hosts',
        at,
        `VirtualService ${ref(p.delegate)} has hosts, so Istio does not take it for a delegate (pilot looks delegates up among VirtualServices without hosts) and drops this rule: its requests go to later rules or get a 404; no route is written for it either, and ${ref(p.delegate)} is converted on its own`,
        'Remove the hosts from the delegate (a delegate has no hosts and no gateways).',
      );
      return;
    case 'not-exported':
      raise(
        scope,
        'delegate-not-exported',
        at,
        `delegate ${ref(p.delegate)} is not exported to namespace ${root.namespace} (exportTo ${JSON.stringify(p.delegate.spec.exportTo)}): ${dropped}`,
        `Add ${root.namespace} to the delegate's exportTo if the rule is meant to apply.`,
      );
      return;
    case 'conflict': {
      const dm = p.match;
      const path: FieldPath = [
        'spec',
        'http',
        p.delegateRule,
        'match',
        ...(dm === undefined ? [] : [dm]),
      ];
      reportAtDelegate(
        scope,
        'delegate-match-conflict',
        p.delegate,
        path,
        `${formatPath(path)} of ${ref(p.delegate)} conflicts with every match of ${ref(root)} ${formatPath(['spec', 'http', p.rule])}, the rule that delegates to it (pilot hasConflict: a delegate match must narrow each root match it is merged with, e.g. a path under the root's prefix, no regex next to another path match, the same port), so Istio drops this delegate rule, and no rule is written for it either`,
        "Write the delegate's match inside the root's (for root prefix '/a', a path under '/a'), or delete the rule.",
      );
      return;
    }
    case 'chain':
    case 'cycle':
      reportAtDelegate(
        scope,
        p.kind === 'chain' ? 'delegate-chain' : 'delegate-cycle',
        p.delegate,
        ['spec', 'http', p.delegateRule, 'delegate'],
        `${ref(p.delegate)}, a delegate of ${ref(root)}, delegates again to ${p.key}${p.kind === 'cycle' ? ', which leads back to a VirtualService already on the way' : ''}: Istio's validation rejects it ('delegate HTTP route cannot contain delegate') and pilot never follows a second delegation: it would merge the rule without destinations (route.go writes an empty weighted-cluster list, which Envoy's config validation refuses); no rule is written for it`,
        `Move the rules of ${p.key} into ${ref(p.delegate)}, or let the root delegate to ${p.key} directly.`,
      );
      return;
  }
}

/** A finding at a field of the delegate (not a path of the merged `http[]`). */
function reportAtDelegate(
  scope: HttpScope,
  id: Parameters<typeof raise>[1],
  d: VirtualService,
  path: FieldPath,
  message: string,
  hint: string,
): void {
  raise({ ctx: scope.ctx, vs: d }, id, path, message, hint);
}

/** A delegate several roots share: one route per root, named apart. */
function reportShared(scope: HttpScope, root: VirtualService): void {
  const all = virtualServiceByKey(scope.ctx.index);
  const seen = new Set<string>();
  (root.spec.http ?? []).forEach((r, i) => {
    if (!r.delegate) return;
    const d = all.get(delegateKey(r.delegate, root.namespace));
    if (!d || !isDelegate(d) || seen.has(ref(d))) return;
    seen.add(ref(d));
    const roots = rootsOf(scope.ctx.index, d);
    if (roots.length < 2) return;
    const names = roots.map((x) => `${d.namespace}/${d.name}-${x.name} (from ${ref(x)})`);
    raise(
      scope,
      'delegate-shared',
      ruleAt(i),
      `delegate ${ref(d)} serves ${roots.length} roots; each gets its own HTTPRoute in ${d.namespace}, with the root's hostnames and parents: ${names.join(', ')}`,
    );
  });
}

const ref = (vs: VirtualService): string => `${vs.namespace}/${vs.name}`;
