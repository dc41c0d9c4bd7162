import type { FindingMeta } from '../../findings/finding.js';

/** Findings of the subset mapper (DestinationRule subsets → per-subset Services). docs/findings/<id>.md explains each. */
export const SUBSET_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'subset-service-created',
    severity: 'info',
    title:
      "A destination `subset` became a per-subset Service selecting the Service's pods with the subset's labels.",
  },
  {
    id: 'subset-service-selector-unchecked',
    severity: 'error',
    title:
      'The Service of a subset is not in the input: the per-subset Service selects by the subset labels alone and guesses its ports.',
  },
  {
    id: 'subset-service-not-created',
    severity: 'error',
    title:
      'With `--subset-services none`, the per-subset Service a backendRef names must be created by hand.',
  },
  {
    id: 'subset-policy-copied',
    severity: 'info',
    title:
      "A DestinationRule for the per-subset Service carries the traffic policy the subset had (parent policy merged with the subset's).",
  },
];
