import type { FindingMeta } from '../../findings/finding.js';

/** Findings of `--mesh ambient` (docs/ambient.md). docs/findings/<id>.md explains each. */
export const AMBIENT_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'ambient-waypoint-created',
    severity: 'info',
    title:
      'A namespace needs L7 processing in ambient mode: a waypoint Gateway was written, and the label that activates it is named.',
  },
  {
    id: 'ambient-policy-retargeted',
    severity: 'warning',
    title:
      'A selector-based L7 policy was copied with targetRefs for the waypoint; the original must be deleted right after the pods restart without sidecars.',
  },
  {
    id: 'ambient-policy-not-retargeted',
    severity: 'error',
    title:
      'A selector-based L7 policy selects pods no Service covers exactly; no waypoint counterpart could be written.',
  },
  {
    id: 'ambient-not-supported',
    severity: 'error',
    title:
      'A resource or route has no effect in ambient mode (EnvoyFilter, Sidecar, PeerAuthentication DISABLE, consumer routes).',
  },
];
