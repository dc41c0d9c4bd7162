// What the API server checks on a core v1 Service the conversion writes (per-subset Services):
// k8s.io/kubernetes pkg/apis/core/validation ValidateService, the parts a generated Service can
// get wrong. Services are not CRDs, so no schema file describes them.
import type { K8sObject } from '../../gateway-api/types.js';
import type { FieldPath } from '../../model/resources.js';
import { isDns1123Label, metadataProblems } from '../meta.js';
import { objectRef, type Violation } from '../violation.js';

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
// IANA_SVC_NAME: ≤ 15 characters, a-z 0-9 '-', at least one letter, no '--', no '-' at either end.
const IANA_SVC_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?!-))*[a-z0-9]$|^[a-z]$/;
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

type Json = Record<string, unknown>;

/** Violations of core v1 Services among `objects` (other kinds are skipped). */
export function validateServices(objects: readonly K8sObject[] | readonly unknown[]): Violation[] {
  const out: Violation[] = [];
  objects.forEach((o, index) => {
    const obj = o as Json;
    if (obj?.apiVersion !== 'v1' || obj.kind !== 'Service') return;
    const ref = objectRef(obj, index);
    const report = (path: FieldPath, message: string): void => {
      out.push({ object: ref, path, origin: 'builtin', rule: 'core-service', message });
    };
    for (const p of metadataProblems(obj.metadata, true)) report(p.path, p.message);
    const name = ref.name;
    if (name && (name.length > 63 || !DNS1035_LABEL.test(name)))
      report(
        ['metadata', 'name'],
        `a Service name must be a DNS-1035 label (at most 63 characters of a-z, 0-9 and '-', starting with a letter): '${name}'`,
      );
    const spec = (obj.spec ?? {}) as Json;
    const ports = (spec.ports ?? []) as Json[];
    if (spec.selector !== undefined) {
      // The selector is checked as labels are (ValidateService: ValidateLabels).
      for (const p of metadataProblems({ name: 'x', labels: spec.selector }, true))
        report(
          ['spec', 'selector', ...p.path.slice(2)],
          p.message.replace('label value', 'selector value'),
        );
    }
    const headless = spec.clusterIP === 'None';
    if (!ports.length && !headless && spec.type !== 'ExternalName')
      report(['spec', 'ports'], 'spec.ports: Required value (a Service needs at least one port)');
    const names = new Set<string>();
    const keys = new Set<string>();
    ports.forEach((p, i) => portProblems(p, i, ports.length, names, keys, report));
  });
  return out;
}

function portProblems(
  p: Json,
  i: number,
  count: number,
  names: Set<string>,
  keys: Set<string>,
  report: (path: FieldPath, message: string) => void,
): void {
  const at = ['spec', 'ports', i];
  const name = typeof p.name === 'string' ? p.name : '';
  if (count > 1 && !name)
    report([...at, 'name'], 'a port name is required when a Service has more than one port');
  if (name && !isDns1123Label(name))
    report([...at, 'name'], `port name '${name}' must be a DNS-1123 label`);
  if (name && names.has(name)) report([...at, 'name'], `Duplicate value: port name '${name}'`);
  names.add(name);
  const port = p.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    report([...at, 'port'], `port must be 1–65535, not ${JSON.stringify(port)}`);
  const protocol = p.protocol ?? 'TCP';
  if (typeof protocol !== 'string' || !PROTOCOLS.includes(protocol))
    report([...at, 'protocol'], `protocol must be one of ${PROTOCOLS.join(', ')}`);
  const key = `${String(port)}/${String(protocol)}`;
  if (keys.has(key)) report([...at], `Duplicate value: port ${key}`);
  keys.add(key);
  const t = p.targetPort;
  if (typeof t === 'number' && (!Number.isInteger(t) || t < 1 || t > 65535))
    report([...at, 'targetPort'], `targetPort must be 1–65535, not ${t}`);
  if (typeof t === 'string' && (t.length > 15 || !IANA_SVC_NAME.test(t)))
    report(
      [...at, 'targetPort'],
      `targetPort '${t}' must be a port number or an IANA service name (at most 15 characters of a-z, 0-9 and '-', with a letter)`,
    );
}
