// Reading both sides for the simulators: Istio input into the ConfigIndex (as convert reads it),
// converted manifests as plain Kubernetes objects.
import type { K8sObject } from '../gateway-api/types.js';
import type { Finding } from '../findings/finding.js';
import { ConfigIndex } from '../model/index.js';
import { withoutSuperseded } from '../model/duplicates.js';
import type { Resource } from '../model/resources.js';
import { type InputFile, parseFile } from '../parse/documents.js';
import { readResource } from '../parse/resources.js';
import { stringify } from 'yaml';
import { append } from '../collections.js';

export interface LoadedIstio {
  index: ConfigIndex;
  /** Every object read, Istio or not, as plain data (converted manifests may sit beside the input). */
  objects: K8sObject[];
  findings: Finding[];
}

/** Reads Istio manifests into the index the routers ask. Never throws: problems are findings. */
export function loadIstio(files: readonly InputFile[], defaultNamespace = 'default'): LoadedIstio {
  const resources: Resource[] = [];
  const objects: K8sObject[] = [];
  const findings: Finding[] = [];
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const parsed = parseFile(f);
    append(findings, parsed.findings);
    for (const obj of parsed.objects) {
      objects.push(asK8sObject(obj.data, defaultNamespace));
      const read = readResource(obj, defaultNamespace);
      append(findings, read.findings);
      const r = read.resource;
      if (!r) continue;
      resources.push(r);
    }
  }
  // The later of duplicates is the one in the cluster, as in convert().
  return {
    index: new ConfigIndex(withoutSuperseded(resources), defaultNamespace),
    objects,
    findings,
  };
}

/** Reads converted manifests (YAML/JSON text) as Kubernetes objects. */
export function loadManifests(
  files: readonly InputFile[],
  defaultNamespace = 'default',
): { objects: K8sObject[]; findings: Finding[] } {
  const objects: K8sObject[] = [];
  const findings: Finding[] = [];
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const parsed = parseFile(f);
    append(findings, parsed.findings);
    for (const obj of parsed.objects) objects.push(asK8sObject(obj.data, defaultNamespace));
  }
  return { objects, findings };
}

function asK8sObject(data: Record<string, unknown>, defaultNamespace: string): K8sObject {
  const meta = (data.metadata && typeof data.metadata === 'object' ? data.metadata : {}) as Record<
    string,
    unknown
  >;
  return {
    ...data,
    apiVersion: String(data.apiVersion ?? ''),
    kind: String(data.kind ?? ''),
    metadata: {
      ...meta,
      name: String(meta.name ?? ''),
      namespace: typeof meta.namespace === 'string' ? meta.namespace : defaultNamespace,
    },
  };
}

/**
 * The Istio VirtualServices among converted manifests (residual ones, or kept ones a user left
 * there), read as the classic model reads input.
 */
export function virtualServicesIn(
  objects: readonly K8sObject[],
  defaultNamespace = 'default',
): Resource[] {
  const vss = objects.filter(
    (o) => o.kind === 'VirtualService' && o.apiVersion.startsWith('networking.istio.io/'),
  );
  if (!vss.length) return [];
  const text = vss.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
  const out: Resource[] = [];
  for (const obj of parseFile({ file: '<converted>', text }).objects) {
    const r = readResource(obj, defaultNamespace).resource;
    if (r) out.push(r);
  }
  return out;
}
