import type { FindingMeta } from '../../findings/finding.js';

/** Findings of the HTTP mapper (VirtualService `http[]` → HTTPRoute). docs/findings/<id>.md explains each. */
export const HTTP_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'mesh-not-converted',
    severity: 'error',
    title:
      'The mesh part of a VirtualService (no `gateways`, or `mesh` among them) cannot be converted: none of its hosts can be a mesh route parent.',
  },
  {
    id: 'gateway-not-found',
    severity: 'warning',
    title:
      'A referenced Istio Gateway is not in the input; the parentRef is written by name and could not be checked.',
  },
  {
    id: 'gateway-ref-legacy',
    severity: 'info',
    title:
      'A `gateways` entry in the legacy `name.namespace` form (or `name.namespace.svc.<domain>`) is read as Istio reads it: Gateway `name` in `namespace`.',
  },
  {
    id: 'gateway-ref-not-mesh',
    severity: 'info',
    title:
      'A `gateways` entry that reads like `mesh` but is not exactly `mesh` (`Mesh`, ` mesh`, `ns/mesh`) bound nothing in Istio; no parentRef is written for it.',
  },
  {
    id: 'gateway-not-exported',
    severity: 'info',
    title:
      "`exportTo` hides the VirtualService from the namespace of a gateway's pods, so that gateway never used it; no parentRef to it is written.",
  },
  {
    id: 'host-not-converted',
    severity: 'error',
    title:
      'A VirtualService host cannot be an HTTPRoute hostname (IP address or invalid name); requests for it are no longer routed.',
  },
  {
    id: 'prefix-semantics',
    severity: 'warning',
    title: 'A string prefix becomes an element-wise PathPrefix: some paths stop or start matching.',
  },
  {
    id: 'match-not-converted',
    severity: 'error',
    title:
      'A match condition has no Gateway API equivalent; that match is not emitted (never widened).',
  },
  {
    id: 'ignored-field',
    severity: 'info',
    title:
      'A field that only names or labels (match `name`, `statPrefix`, rule `name` where the target lacks it) is not carried over; routing is unchanged.',
  },
  {
    id: 'backend-not-converted',
    severity: 'error',
    title:
      'A destination cannot become a backendRef (no port, wildcard host); the rule is not emitted.',
  },
  {
    id: 'subset-not-converted',
    severity: 'error',
    title:
      'A destination `subset` cannot become a per-subset Service (no DestinationRule or subset in the input, or not a Kubernetes Service); traffic goes to every version of the Service.',
  },
  {
    id: 'weights-unset',
    severity: 'error',
    title:
      'Several destinations without any `weight`; the converted split is equal, which Istio did not promise.',
  },
  {
    id: 'header-modifier-not-converted',
    severity: 'error',
    title:
      'A header operation cannot be written as a header modifier (invalid or conflicting header name); it is dropped.',
  },
  {
    id: 'redirect-code-unsupported',
    severity: 'error',
    title:
      'The redirect code needs a newer Gateway API release; the closest supported code is written.',
  },
  {
    id: 'redirect-port-differs',
    severity: 'warning',
    title: 'The port of the redirect Location differs for requests whose Host carries a port.',
  },
  {
    id: 'redirect-not-converted',
    severity: 'error',
    title: 'A redirect field cannot be written as RequestRedirect; the redirect differs.',
  },
  {
    id: 'rewrite-prefix-semantics',
    severity: 'warning',
    title: 'A prefix rewrite is element-wise under Gateway API: some rewritten paths differ.',
  },
  {
    id: 'rewrite-not-converted',
    severity: 'error',
    title:
      'A rewrite cannot be written as URLRewrite; the path or host is not rewritten as before.',
  },
  {
    id: 'mirror-not-converted',
    severity: 'error',
    title:
      'A mirror cannot be written as RequestMirror on this target; requests are no longer mirrored.',
  },
  {
    id: 'cors-not-converted',
    severity: 'error',
    title: 'A CORS policy (or part of it) cannot be written as a CORS filter on this target.',
  },
  {
    id: 'cors-defaults',
    severity: 'warning',
    title:
      "Istio's Gateway API CORS filter answers unmatched preflights itself and sends max-age 5s by default.",
  },
  {
    id: 'timeout-not-converted',
    severity: 'error',
    title:
      'A duration cannot be written as a Gateway API Duration (sub-millisecond, or too large); it is not set.',
  },
  {
    id: 'retry-not-converted',
    severity: 'warning',
    title:
      'The retry policy cannot be written on this target; the mesh default retry policy applies instead.',
  },
  {
    id: 'retry-partial',
    severity: 'warning',
    title:
      'Part of the retry policy has no equivalent; some failed requests are retried differently.',
  },
  {
    id: 'direct-response-not-converted',
    severity: 'error',
    title: 'A `directResponse` other than a bare 500 has no equivalent; the rule is not emitted.',
  },
  {
    id: 'fault-not-converted',
    severity: 'error',
    title:
      'Fault injection has no Gateway API equivalent; requests are no longer delayed or aborted.',
  },
  {
    id: 'delegate-not-found',
    severity: 'error',
    title:
      'A delegating rule names a VirtualService that is not in the input: its routes cannot be written.',
  },
  {
    id: 'delegate-has-hosts',
    severity: 'info',
    title:
      'A delegating rule names a VirtualService with hosts, which Istio never takes for a delegate: Istio drops the rule, and so does the output.',
  },
  {
    id: 'delegate-not-exported',
    severity: 'info',
    title:
      "A delegate's `exportTo` hides it from the root's namespace: Istio drops the delegating rule, and so does the output.",
  },
  {
    id: 'delegate-match-conflict',
    severity: 'info',
    title:
      "A delegate rule's match does not narrow the root's (pilot hasConflict): Istio drops that rule, and so does the output.",
  },
  {
    id: 'delegate-chain',
    severity: 'error',
    title:
      'A delegate delegates again: Istio rejects it and never follows a second delegation; that rule is not written.',
  },
  {
    id: 'delegate-cycle',
    severity: 'error',
    title:
      'A delegate delegates back to a VirtualService already on the way: Istio rejects it; that rule is not written.',
  },
  {
    id: 'delegate-shared',
    severity: 'info',
    title:
      "A delegate serves several roots: each root gets its own HTTPRoute in the delegate's namespace, named `<delegate>-<root>`.",
  },
  {
    id: 'delegate-fields-ignored',
    severity: 'info',
    title:
      'A delegate sets `gateways`, `tls` or `tcp`, which Istio rejects and pilot ignores in a delegate; they are ignored here too.',
  },
  {
    id: 'delegate-namespace-admitted',
    severity: 'info',
    title:
      "A listener now also admits a delegate's namespace, so the route written there for the root's rules attaches as they did.",
  },
  {
    id: 'export-to-not-converted',
    severity: 'warning',
    title:
      '`exportTo` has no HTTPRoute equivalent; the route attaches to its Gateways whatever the export scope.',
  },
  {
    id: 'route-split',
    severity: 'info',
    title:
      'One VirtualService became several HTTPRoutes (per-match gateways, port, scheme, authority, or size limits).',
  },
  {
    id: 'order-kept',
    severity: 'info',
    title:
      'A match that an earlier rule fully covers never applied under first-match; it is left out of the HTTPRoute, so Gateway API precedence cannot let it win.',
  },
  {
    id: 'order-changed',
    severity: 'warning',
    title:
      'Gateway API precedence puts a later rule before an earlier, overlapping one: a named request now goes elsewhere.',
  },
];
