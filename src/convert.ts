import { stringify } from 'yaml';
import { compactFinding, compareFindings, type Finding } from './findings/finding.js';
import { findingMeta } from './findings/catalog.js';
import type { ConvertedResource } from './gateway-api/types.js';
import { ConfigIndex } from './model/index.js';
import {
  type IstioResource,
  type OtherResource,
  type Resource,
  isIstio,
  refOf,
  sourceAt,
} from './model/resources.js';
import { type InputFile, parseFile } from './parse/documents.js';
import { readResource } from './parse/resources.js';
import { mapAll, type Kept } from './map/index.js';
import type { Emitted, MapContext } from './map/context.js';
import { type ConvertOptions, OptionsSchema, type ResolvedOptions, targetOf } from './options.js';
import { sortObjects } from './emit/order.js';
import { outputFindings } from './check/output.js';
import type { Target } from './target.js';
import { buildReferenceGrants, type GrantNeed } from './map/reference-grants.js';
import { elideAssumedNamespace } from './map/namespaces.js';
import { append } from './collections.js';
import { supersededDefinitions } from './model/duplicates.js';
import { buildChecklist, type CutoverChecklist } from './map/cutover.js';

/** What `convert` accepts: manifest text, parsed objects, or named files. */
export type ManifestInput =
  string | Record<string, unknown> | readonly Record<string, unknown>[] | readonly InputFile[];

/** The documents that replace one input file (for `--out-dir`): converted, kept and untouched ones, in file order. */
export interface FileOutput {
  file: string;
  objects: Record<string, unknown>[];
  /** The same, per input resource: what became of each, so a file can be rewritten in place (`--write`). */
  entries: FileEntry[];
}

/**
 * One resource of an input file (a YAML document, or an item of a `kind: List`) and what
 * replaces it. `converted`: the resource is replaced by `generated`. `kept`: an Istio resource
 * kept as written. `other`: not a convertible Istio resource (Services, Deployments, unreadable
 * Istio resources), kept as written. Kept and other resources may still carry `generated`
 * objects the conversion added because of them; these go right after the resource.
 */
export interface FileEntry {
  kind: string;
  namespace: string;
  name: string;
  /** Index of the YAML document in the file (empty documents count), and of the item in a `kind: List`. */
  docIndex: number;
  itemIndex?: number;
  /** Line of the resource in its file. */
  line: number;
  status: 'converted' | 'kept' | 'other';
  /** Converted: the objects that replace the resource. Kept or other: objects added after it. */
  generated: ConvertedResource[];
  /**
   * A root VirtualService whose rules went to its delegates' routes: those routes
   * (`HTTPRoute ns/name`), written in place of the delegates.
   */
  carriedBy?: string[];
}

export interface KeptResource {
  kind: string;
  namespace: string;
  name: string;
  file: string;
  line: number;
  reason: string;
  object: Record<string, unknown>;
}

/** An input resource, by identity and place. */
export interface ResourceId {
  kind: string;
  namespace: string;
  name: string;
  file: string;
  line: number;
}

export interface ConvertResult {
  /**
   * Gateway API objects (and the Services, DestinationRules and policies the conversion adds),
   * sorted. Discriminated by `kind`: `switch (r.kind)` gives each its typed `spec`.
   */
  resources: ConvertedResource[];
  /** Istio resources replaced by `resources`. */
  converted: ResourceId[];
  /** Istio resources kept as they are. */
  kept: KeptResource[];
  findings: Finding[];
  /** What to do, in a safe order, to move traffic to `resources` (docs/migration-guide.md). */
  cutover: CutoverChecklist;
  /** Per input file that held Istio networking resources: its complete replacement. */
  files: FileOutput[];
  options: ResolvedOptions;
}

function toInputFiles(input: ManifestInput): InputFile[] {
  if (typeof input === 'string') return [{ file: '<input>', text: input }];
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0) return [];
  if (
    list.every(
      (x) =>
        typeof x === 'object' &&
        x !== null &&
        typeof x.file === 'string' &&
        typeof x.text === 'string',
    )
  ) {
    return list as InputFile[];
  }
  // Objects are written out as YAML once, so every finding can still carry a line.
  return [
    {
      file: '<objects>',
      text: (list as Record<string, unknown>[])
        .map((o) => stringify(o, { lineWidth: 0 }))
        .join('---\n'),
    },
  ];
}

/**
 * Converts Istio networking manifests to Gateway API. Pure: no I/O, never throws on bad input
 * (problems become findings), and the same input gives the same output byte for byte.
 */
/** Optional callbacks for long runs; they never change the result. */
export interface ConvertHooks {
  /** Called after each file is read, with the counts so far. */
  onProgress?(progress: { filesRead: number; files: number; resources: number }): void;
  /** Called after each Gateway and VirtualService is mapped, with the counts so far. */
  onConverted?(progress: { converted: number; total: number }): void;
}

/** The input read once: files in path order, the findings of reading them (in file order), the resources. */
export interface ReadInput {
  files: InputFile[];
  findings: Finding[];
  resources: Resource[];
  options: ResolvedOptions;
}

/**
 * Parses and reads every file once (the part of `convert` that depends only on the input), so a
 * caller that needs the resources twice (verify: conversion and the classic model) parses once.
 */
export function readInput(
  input: ManifestInput,
  options: ConvertOptions = {},
  hooks: ConvertHooks = {},
): ReadInput {
  const opts = OptionsSchema.parse(options);
  const files = [...toInputFiles(input)].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : 0,
  );
  const findings: Finding[] = [];
  const resources: Resource[] = [];
  let filesRead = 0;
  for (const f of files) {
    const parsed = parseFile(f);
    append(findings, parsed.findings);
    for (const obj of parsed.objects) {
      const read = readResource(obj, opts.namespace);
      append(findings, read.findings);
      if (read.resource) resources.push(read.resource);
    }
    hooks.onProgress?.({
      filesRead: ++filesRead,
      files: files.length,
      resources: resources.length,
    });
  }
  supersede(resources, findings);
  return { files, findings, resources, options: opts };
}

/**
 * Duplicates follow `kubectl apply`: the later definition is the one in the cluster, so it is
 * converted; each earlier one is left out of the output (a warning names both places).
 */
function supersede(resources: Resource[], findings: Finding[]): void {
  const dropped = new Map<Resource, Resource>();
  for (const { earlier, later } of supersededDefinitions(resources)) {
    const marked: OtherResource = {
      ...earlier,
      kind: earlier.kind,
      group: earlier.group,
      other: true,
      superseded: true,
    };
    dropped.set(earlier, marked);
    findings.push({
      id: 'duplicate-resource',
      severity: findingMeta('duplicate-resource').severity,
      message: `${refOf(later)} is defined again at ${later.file}:${later.locator.position([]).line}: kubectl apply leaves that later definition in the cluster, so it is the one converted, and this one is left out of the output`,
      source: sourceAt(earlier),
    });
  }
  if (!dropped.size) return;
  for (let i = 0; i < resources.length; i++)
    resources[i] = dropped.get(resources[i]!) ?? resources[i]!;
}

export function convert(
  input: ManifestInput,
  options: ConvertOptions = {},
  hooks: ConvertHooks = {},
): ConvertResult {
  return convertInput(readInput(input, options, hooks), hooks);
}

/** `convert` over input already read (`readInput`); `read` is not changed. */
export function convertInput(read: ReadInput, hooks: ConvertHooks = {}): ConvertResult {
  const { files, resources, options: opts } = read;
  const findings = [...read.findings];
  const index = new ConfigIndex(resources, opts.namespace);
  const grants: GrantNeed[] = [];
  const ctx: MapContext = {
    index,
    target: targetOf(opts),
    options: opts,
    report: (f) => findings.push(compactFinding(f)),
    needGrant: (n) => grants.push(n),
  };
  const mapped = mapAll(ctx, (p) => hooks.onConverted?.(p));
  append(mapped.emitted, buildReferenceGrants(grants, ctx.target));
  append(findings, elideAssumedNamespace(mapped.emitted, resources, opts.namespace));
  append(findings, checkOutput(mapped.emitted, ctx.target));
  findings.sort(compareFindings);
  const objects = sortObjects(mapped.emitted.map((e) => e.object));
  return {
    resources: objects,
    converted: mapped.converted.map(idOf),
    kept: [...mapped.kept.map(toKept), ...unread(resources)],
    findings,
    cutover: buildChecklist(
      mapped.plans,
      mapped.converted,
      objects,
      opts.gatewayClass,
      mapped.cutover,
    ),
    files: fileOutputs(
      files.map((f) => f.file),
      resources,
      mapped.emitted,
      mapped.kept,
    ),
    options: opts,
  };
}

/**
 * Validates every generated object for the target. A violation means an unconvertible input or
 * a bug: it is an error at the resource that produced the object, never emitted quietly.
 */
function checkOutput(emitted: readonly Emitted[], target: Target): Finding[] {
  const origin = new Map(
    emitted.map((e) => [
      `${e.object.kind}/${e.object.metadata.namespace ?? ''}/${e.object.metadata.name}`,
      e.origin,
    ]),
  );
  return outputFindings(
    emitted.map((e) => e.object),
    target,
  ).map((f) => {
    const from =
      f.target && origin.get(`${f.target.kind}/${f.target.namespace ?? ''}/${f.target.name}`);
    return from ? { ...f, source: sourceAt(from) } : f;
  });
}

function idOf(r: Resource): ResourceId {
  return {
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    file: r.file,
    line: r.locator.position([]).line,
  };
}

/** The networking.istio.io kinds convert reads; others (EnvoyFilter, Sidecar…) pass through untouched. */
const CONVERTED_KINDS: readonly string[] = [
  'Gateway',
  'VirtualService',
  'DestinationRule',
  'ServiceEntry',
];

/** Istio networking resources that could not be read (see their findings): passed through as written. */
function unread(resources: readonly Resource[]): KeptResource[] {
  return resources
    .filter(
      (r) =>
        r.group === 'networking.istio.io' &&
        'other' in r &&
        !r.superseded &&
        CONVERTED_KINDS.includes(r.kind),
    )
    .map((r) => ({
      ...idOf(r),
      reason: 'not converted: see the findings for this resource',
      object: r.raw,
    }));
}

function toKept(k: Kept): KeptResource {
  const r = k.resource;
  return {
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    file: r.file,
    line: r.locator.position([]).line,
    reason: k.reason,
    object: r.raw,
  };
}

/** Each input file with Istio networking resources, as it reads after conversion. */
function fileOutputs(
  order: string[],
  resources: Resource[],
  emitted: Emitted[],
  kept: Kept[],
): FileOutput[] {
  const byOrigin = new Map<Resource, ConvertedResource[]>();
  const carried = new Map<Resource, string[]>();
  for (const e of emitted) {
    const list = byOrigin.get(e.origin) ?? [];
    list.push(e.object);
    byOrigin.set(e.origin, list);
    if (e.carries) {
      const o = e.object;
      const names = carried.get(e.carries) ?? [];
      names.push(`${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`);
      carried.set(e.carries, names);
    }
  }
  const keptSet = new Set<IstioResource>(kept.map((k) => k.resource));
  const out: FileOutput[] = [];
  const byFile = new Map<string, Resource[]>();
  for (const r of resources) {
    const list = byFile.get(r.file) ?? [];
    list.push(r);
    byFile.set(r.file, list);
  }
  for (const file of order) {
    const inFile = byFile.get(file) ?? [];
    // Files with Istio networking resources, and those whose resources led to new objects
    // (a policy's counterpart goes right after it).
    if (!inFile.some((r) => r.group === 'networking.istio.io' || byOrigin.has(r))) continue;
    const objects: Record<string, unknown>[] = [];
    const entries: FileEntry[] = [];
    for (const r of inFile) {
      const generated = byOrigin.get(r) ?? [];
      // A superseded duplicate is replaced by nothing: its later definition stands for it.
      const status =
        'superseded' in r
          ? 'converted'
          : !isIstio(r)
            ? 'other'
            : keptSet.has(r)
              ? 'kept'
              : 'converted';
      if (status === 'converted') objects.push(...generated);
      else objects.push(r.raw, ...generated);
      const entry: FileEntry = {
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        docIndex: r.docIndex,
        line: r.locator.position([]).line,
        status,
        generated,
      };
      if (r.itemIndex !== undefined) entry.itemIndex = r.itemIndex;
      const by = carried.get(r);
      if (by && status === 'converted') entry.carriedBy = by;
      entries.push(entry);
    }
    out.push({ file, objects, entries });
  }
  return out;
}
