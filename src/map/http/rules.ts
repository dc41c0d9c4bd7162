import type {
  BackendRef,
  HTTPPathModifier,
  HTTPRouteFilter,
  HTTPRouteMatch,
  HTTPRouteRule,
} from '../../gateway-api/types.js';
import type { FieldPath } from '../../model/resources.js';
import type { GrantNeed } from '../reference-grants.js';
import type { ConvertedMatch } from './matches.js';
import { pathPrefixFor, validPathValue } from './matches.js';
import { prefixRewriteDifference } from './filters.js';
import { type HttpScope, raise } from './scope.js';
import { clonePlain } from '../../collections.js';

export const MAX_MATCHES_PER_RULE = 64;

/** How a rule's path is replaced: per match for prefix replacements (redirect or rewrite). */
export interface PathReplacement {
  filter: 'URLRewrite' | 'RequestRedirect';
  /** Replacement of the matched prefix; exact and regex matches get it as the full path. */
  prefix: string;
  /** Field of the replacement, for findings. */
  at: FieldPath;
}

/** The shared parts of every Gateway API rule one Istio rule becomes. */
export interface RuleTemplate {
  name?: string;
  filters: HTTPRouteFilter[];
  backendRefs?: BackendRef[];
  timeouts?: HTTPRouteRule['timeouts'];
  retry?: HTTPRouteRule['retry'];
  /** ReferenceGrants the rule needs (cross-namespace Services), requested when it is emitted. */
  grants: GrantNeed[];
}

/** A fresh rule: nothing is shared between rules, so the YAML output never needs anchors. */
function assemble(
  t: RuleTemplate,
  matches: HTTPRouteMatch[] | undefined,
  extra?: HTTPRouteFilter,
): HTTPRouteRule {
  const r: HTTPRouteRule = clonePlain({ ...(t.name ? { name: t.name } : {}) });
  if (matches) r.matches = clonePlain(matches);
  const filters = extra ? insertPathFilter(t.filters, extra) : t.filters;
  if (filters.length) r.filters = clonePlain(filters);
  if (t.backendRefs && t.backendRefs.length) r.backendRefs = clonePlain(t.backendRefs);
  if (t.timeouts) r.timeouts = clonePlain(t.timeouts);
  if (t.retry) r.retry = clonePlain(t.retry);
  return r;
}

/** Merge a path modifier into the rule's URLRewrite/RequestRedirect filter (one of each per rule). */
function insertPathFilter(filters: HTTPRouteFilter[], extra: HTTPRouteFilter): HTTPRouteFilter[] {
  const out: HTTPRouteFilter[] = [];
  let merged = false;
  for (const f of filters) {
    if (f.type === 'URLRewrite' && extra.type === 'URLRewrite') {
      out.push({ type: 'URLRewrite', urlRewrite: { ...f.urlRewrite, ...extra.urlRewrite } });
      merged = true;
    } else if (f.type === 'RequestRedirect' && extra.type === 'RequestRedirect') {
      out.push({
        type: 'RequestRedirect',
        requestRedirect: { ...f.requestRedirect, ...extra.requestRedirect },
      });
      merged = true;
    } else out.push(f);
  }
  if (!merged) out.push(extra);
  return out;
}

function pathFilter(kind: PathReplacement['filter'], path: HTTPPathModifier): HTTPRouteFilter {
  return kind === 'URLRewrite'
    ? { type: 'URLRewrite', urlRewrite: { path } }
    : { type: 'RequestRedirect', requestRedirect: { path } };
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * The Gateway API rules of one Istio rule for one route. Without a prefix replacement: one rule
 * holding every match (split at 64). With one (trap 6): ReplacePrefixMatch needs exactly one
 * PathPrefix match per rule, so each prefix match gets its own rule; exact and regex matches
 * rewrite the full path and share one rule.
 */
export function buildRules(
  scope: HttpScope,
  t: RuleTemplate,
  cms: readonly ConvertedMatch[],
  ruleAt: FieldPath,
  replace?: PathReplacement,
): HTTPRouteRule[] {
  const noMatches = cms.length === 1 && cms[0]!.index === -1;
  if (!replace) {
    if (noMatches) return [assemble(t, undefined)];
    return chunk(
      cms.flatMap((c) => c.matches),
      MAX_MATCHES_PER_RULE,
    ).map((ms) => assemble(t, ms));
  }
  const full: HTTPRouteMatch[] = [];
  const prefixed: { match: HTTPRouteMatch; istioPrefix: string }[] = [];
  for (const c of cms) {
    const matchAt: FieldPath = c.index >= 0 ? [...ruleAt, 'match', c.index] : ruleAt;
    const list = c.matches.length ? c.matches : [{}];
    for (const m of list) {
      if (c.uri === 'none') {
        prefixed.push({
          match: { ...m, path: { type: 'PathPrefix', value: '/' } },
          istioPrefix: '/',
        });
      } else if (c.uri === 'prefix') {
        const p = c.prefix ?? '/';
        if (m.path?.type === 'PathPrefix') prefixed.push({ match: m, istioPrefix: p });
        else if (!c.ignoreCase && validPathValue(p)) {
          // strict mode wrote a regex; a prefix replacement needs PathPrefix, so the element-wise meaning applies here.
          prefixed.push({
            match: { ...m, path: pathPrefixFor(scope, p, [...matchAt, 'uri', 'prefix']) },
            istioPrefix: p,
          });
        } else {
          raise(
            scope,
            'rewrite-not-converted',
            [...matchAt, 'uri'],
            `prefix '${p}'${c.ignoreCase ? ' with ignoreUriCase' : ''} needs a regex match, and ReplacePrefixMatch needs a PathPrefix match: this match is not emitted, so requests it selected go to later rules`,
          );
        }
      } else {
        full.push(m);
      }
    }
  }
  const out: HTTPRouteRule[] = [];
  if (full.length) {
    for (const ms of chunk(full, MAX_MATCHES_PER_RULE))
      out.push(
        assemble(
          t,
          ms,
          pathFilter(replace.filter, { type: 'ReplaceFullPath', replaceFullPath: replace.prefix }),
        ),
      );
  }
  const reported = new Set<string>();
  for (const { match, istioPrefix } of prefixed) {
    out.push(
      assemble(
        t,
        [match],
        pathFilter(replace.filter, {
          type: 'ReplacePrefixMatch',
          replacePrefixMatch: replace.prefix,
        }),
      ),
    );
    const diff = prefixRewriteDifference(istioPrefix, replace.prefix);
    if (diff && !reported.has(istioPrefix)) {
      reported.add(istioPrefix);
      raise(scope, 'rewrite-prefix-semantics', replace.at, diff);
    }
  }
  return out;
}
