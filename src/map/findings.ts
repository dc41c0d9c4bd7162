import type { FindingMeta } from '../findings/finding.js';

/** Findings of the conversion itself. One entry per id; docs/findings/<id>.md explains each. */
export const CONVERT_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'metadata-not-carried',
    severity: 'info',
    title:
      "Some metadata of a converted resource is not carried to what replaces it: fields the API server sets, ownerReferences and finalizers, kubectl's last-applied-configuration, Argo CD's tracking id, Istio's own annotations.",
  },
  {
    id: 'namespace-assumed',
    severity: 'warning',
    title:
      'A generated object names the namespace assumed for resources without one (--namespace); it is right only if they are applied there.',
  },
];
