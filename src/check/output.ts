// The convert pipeline's check stage: generated objects against the target's built-in rules.
// Kept apart from `validateManifests` so that converting never loads the CRD validator.
import type { Finding } from '../findings/finding.js';
import { findingMeta } from '../findings/catalog.js';
import type { K8sObject } from '../gateway-api/types.js';
import { formatPath } from '../model/resources.js';
import { describeTarget, type Target } from '../target.js';
import { validateOutput } from './builtin/validate.js';
import { describeObject } from './violation.js';

/** Findings for generated objects that break the target's rules (the convert pipeline's check stage). */
export function outputFindings(objects: readonly K8sObject[], target: Target): Finding[] {
  return validateOutput(objects, target).map((v) => {
    const f: Finding = {
      id: 'invalid-output',
      severity: findingMeta('invalid-output').severity,
      message: `${describeObject(v.object)}: ${formatPath(v.path) || '(object)'}: ${v.message} (${describeTarget(target)})`,
      target: { kind: v.object.kind, name: v.object.name, path: formatPath(v.path) },
      hint: 'the API server would reject this object; report the input that produced it',
    };
    if (v.object.namespace) f.target!.namespace = v.object.namespace;
    return f;
  });
}
