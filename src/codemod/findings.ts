import type { FindingMeta } from '../findings/finding.js';

/** Findings of rewriting TypeScript sources (`istio2gateway codemod`). */
export const CODEMOD_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'codemod-dynamic-value',
    severity: 'error',
    title:
      'A value in TypeScript source is not a literal and the conversion needs to read it (or cannot see the whole object); the resource is left unchanged.',
  },
  {
    id: 'codemod-not-placeable',
    severity: 'error',
    title:
      'An Istio resource converts to several objects (or to none) where the source has room for one expression; the resource is left unchanged.',
  },
];
