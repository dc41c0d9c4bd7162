import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { StructuralSchema } from './schema.js';

/** One version of a CRD. */
export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema: StructuralSchema;
}

/** A CustomResourceDefinition, reduced to what validation needs. */
export interface Crd {
  group: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  versions: CrdVersion[];
  file: string;
  /** `gateway.networking.k8s.io/bundle-version` and `/channel` annotations, when set. */
  bundleVersion?: string;
  channel?: string;
}

/** The CRDs one cluster has. */
export interface CrdSet {
  crds: Crd[];
  /** Groups any CRD of the set serves: an object of such a group with no CRD is rejected. */
  groups: ReadonlySet<string>;
}

/** Builds a CRD set from manifest texts (pure: no I/O). Documents of other kinds are skipped. */
export function parseCrds(files: readonly { file: string; text: string }[]): CrdSet {
  const crds: Crd[] = [];
  for (const { file, text } of files) {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
      // Rules and CRDs walk untyped JSON; each rule checks the shape it reads.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const o = doc.toJS() as Record<string, any> | null;
      if (!o || o.kind !== 'CustomResourceDefinition' || typeof o.spec !== 'object') continue;
      const ann = (o.metadata?.annotations ?? {}) as Record<string, string>;
      const crd: Crd = {
        group: String(o.spec.group),
        kind: String(o.spec.names?.kind),
        plural: String(o.spec.names?.plural),
        namespaced: o.spec.scope !== 'Cluster',
        // Rules and CRDs walk untyped JSON; each rule checks the shape it reads.
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        versions: (o.spec.versions ?? []).map((v: Record<string, any>) => ({
          name: String(v.name),
          served: v.served !== false,
          storage: v.storage === true,
          schema: (v.schema?.openAPIV3Schema ?? {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          }) as StructuralSchema,
        })),
        file,
      };
      if (ann['gateway.networking.k8s.io/bundle-version'])
        crd.bundleVersion = ann['gateway.networking.k8s.io/bundle-version'];
      if (ann['gateway.networking.k8s.io/channel'])
        crd.channel = ann['gateway.networking.k8s.io/channel'];
      crds.push(crd);
    }
  }
  return { crds, groups: new Set(crds.map((c) => c.group)) };
}

/** Reads every `.yaml`/`.yml`/`.json` file of a directory (recursively), or one file, or several. */
export function loadCrds(dirOrFiles: string | readonly string[]): CrdSet {
  const paths = typeof dirOrFiles === 'string' ? [dirOrFiles] : dirOrFiles;
  const files: { file: string; text: string }[] = [];
  const visit = (p: string): void => {
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) visit(join(p, name));
    } else if (/\.(ya?ml|json)$/i.test(p) || paths.includes(p)) {
      files.push({ file: p, text: readFileSync(p, 'utf8') });
    }
  };
  for (const p of paths) visit(p);
  return parseCrds(files);
}

/** The CRD serving `apiVersion`/`kind`, or why there is none. */
export function findCrd(
  set: CrdSet,
  apiVersion: string,
  kind: string,
): { crd: Crd; version: CrdVersion } | { crd?: Crd; problem: string } | undefined {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const crd = set.crds.find((c) => c.group === group && c.kind === kind);
  if (!crd) {
    if (!set.groups.has(group)) return undefined;
    return {
      problem: `no matches for kind "${kind}" in group "${group}": the CRDs define no such kind`,
    };
  }
  const v = crd.versions.find((x) => x.name === version);
  if (!v || !v.served) {
    const served = crd.versions.filter((x) => x.served).map((x) => x.name);
    return {
      crd,
      problem: `no matches for kind "${kind}" in version "${apiVersion}": the CRD serves ${served.join(', ') || 'no version'}`,
    };
  }
  return { crd, version: v };
}
