// The convert pipeline's check stage: every generated object against what the API server checks.
// Gateway API kinds by the target's built-in rules, core Services by Kubernetes' Service
// validation, Istio DestinationRules and VirtualServices by Istio's CRDs (builtin/istio.ts). Kept
// apart from `validateManifests` so that converting never loads the CRD validator.
import type { Finding } from '../findings/finding.js';
import { findingMeta } from '../findings/catalog.js';
import type { K8sObject } from '../gateway-api/types.js';
import { formatPath } from '../model/resources.js';
import { describeTarget, type Target } from '../target.js';
import { validateOutput } from './builtin/validate.js';
import { validateServices } from './builtin/service.js';
import { validateIstio } from './builtin/istio.js';
import { describeObject } from './violation.js';

/** Findings for generated objects the API server would reject (the convert pipeline's check stage). */
export function outputFindings(objects: readonly K8sObject[], target: Target): Finding[] {
  const violations = [
    ...validateOutput(objects, target),
    ...validateServices(objects),
    ...validateIstio(objects),
  ];
  return violations.map((v) => {
    const gatewayApi = v.object.apiVersion.startsWith('gateway.networking.k8s.io/');
    const f: Finding = {
      id: 'invalid-output',
      severity: findingMeta('invalid-output').severity,
      message: `${describeObject(v.object)}: ${formatPath(v.path) || '(object)'}: ${v.message}${gatewayApi ? ` (${describeTarget(target)})` : ''}`,
      target: { kind: v.object.kind, name: v.object.name, path: formatPath(v.path) },
      hint: 'the API server would reject this object; report the input that produced it',
    };
    if (v.object.namespace) f.target!.namespace = v.object.namespace;
    return f;
  });
}
