// Which AuthorizationPolicies need a waypoint: ztunnel enforces only L4 attributes, and drops
// (DENY) or never matches (ALLOW) a rule with any HTTP attribute, and refuses CUSTOM and AUDIT
// (pilot/pkg/serviceregistry/ambient/authorization.go: httpOperations, httpSources,
// l4WhenAttributes, and the action switch).
type Json = Record<string, unknown>;

const L7_OPERATION = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];
const L7_SOURCE = [
  'remoteIpBlocks',
  'notRemoteIpBlocks',
  'requestPrincipals',
  'notRequestPrincipals',
];
const L4_WHEN = new Set([
  'source.ip',
  'source.namespace',
  'source.principal',
  'destination.ip',
  'destination.port',
]);

const list = (v: unknown): Json[] =>
  Array.isArray(v) ? v.filter((x): x is Json => Boolean(x) && typeof x === 'object') : [];
const has = (o: unknown, keys: readonly string[]): string[] =>
  o && typeof o === 'object'
    ? keys.filter((k) => Array.isArray((o as Json)[k]) && ((o as Json)[k] as unknown[]).length > 0)
    : [];

/** The L7 attributes (or action) of an AuthorizationPolicy spec that ztunnel cannot enforce; empty when L4 only. */
export function l7Attributes(spec: Json): string[] {
  const found = new Set<string>();
  if (spec.action === 'CUSTOM' || spec.action === 'AUDIT')
    found.add(`action ${String(spec.action)}`);
  for (const rule of list(spec.rules)) {
    for (const to of list(rule.to)) for (const k of has(to.operation, L7_OPERATION)) found.add(k);
    for (const from of list(rule.from)) for (const k of has(from.source, L7_SOURCE)) found.add(k);
    for (const when of list(rule.when))
      if (typeof when.key === 'string' && !L4_WHEN.has(when.key)) found.add(when.key);
  }
  return [...found].sort();
}
