import type { z } from 'zod';
import type {
  DestinationRuleSpec,
  GatewaySpec,
  ServiceEntrySpec,
  VirtualServiceSpec,
} from '../parse/schemas/istio.gen.js';
import type { NamespaceSchema, ServiceSchema } from '../parse/schemas/core.js';
import type { SourceRef } from '../findings/finding.js';

/** A field path inside a resource: `['spec', 'http', 0, 'match']`. */
export type FieldPath = readonly (string | number)[];

/** `spec.http[0].match` for `['spec', 'http', 0, 'match']`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

export interface Position {
  line: number;
  column: number;
}

/** Answers where a field of one resource stands in its file. */
export interface Locator {
  /** The position of the deepest node of `path` that exists (the resource itself at worst). */
  position(path: FieldPath): Position;
}

export type IstioGatewaySpec = z.infer<typeof GatewaySpec>;
export type VirtualServiceSpecT = z.infer<typeof VirtualServiceSpec>;
export type DestinationRuleSpecT = z.infer<typeof DestinationRuleSpec>;
export type ServiceEntrySpecT = z.infer<typeof ServiceEntrySpec>;
export type ServiceSpecT = z.infer<typeof ServiceSchema>['spec'];
export type NamespaceT = z.infer<typeof NamespaceSchema>;

export type HTTPRouteSpecIstio = NonNullable<VirtualServiceSpecT['http']>[number];
export type HTTPMatchRequest = NonNullable<HTTPRouteSpecIstio['match']>[number];
export type HTTPRouteDestination = NonNullable<HTTPRouteSpecIstio['route']>[number];
export type StringMatch = NonNullable<HTTPMatchRequest['uri']>;
export type IstioServer = NonNullable<IstioGatewaySpec['servers']>[number];

export interface ResourceBase {
  apiVersion: string;
  name: string;
  /** As written (or as its file's `kubectl apply -n` places it), or the `--namespace` default. */
  namespace: string;
  /** True when neither the manifest nor its file named a namespace and the default was used. */
  namespaceDefaulted: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** File the resource was read from (`-` for stdin, `<input>` for objects). */
  file: string;
  /** Index of the YAML document in the file, and of the item in a `kind: List`. */
  docIndex: number;
  itemIndex?: number;
  /** The resource exactly as read (plain data). */
  raw: Record<string, unknown>;
  locator: Locator;
}

export interface IstioGateway extends ResourceBase {
  kind: 'Gateway';
  group: 'networking.istio.io';
  spec: IstioGatewaySpec;
}
export interface VirtualService extends ResourceBase {
  kind: 'VirtualService';
  group: 'networking.istio.io';
  spec: VirtualServiceSpecT;
}
export interface DestinationRule extends ResourceBase {
  kind: 'DestinationRule';
  group: 'networking.istio.io';
  spec: DestinationRuleSpecT;
}
export interface ServiceEntry extends ResourceBase {
  kind: 'ServiceEntry';
  group: 'networking.istio.io';
  spec: ServiceEntrySpecT;
}
export interface Service extends ResourceBase {
  kind: 'Service';
  group: '';
  spec: NonNullable<ServiceSpecT>;
}
export interface Namespace extends ResourceBase {
  kind: 'Namespace';
  group: '';
}
/** Any other kind: passed through untouched. */
export interface OtherResource extends ResourceBase {
  kind: string;
  group: string;
  other: true;
  /** A definition that a later one of the same identity replaces (model/duplicates.ts). */
  superseded?: true;
}

export type IstioResource = IstioGateway | VirtualService | DestinationRule | ServiceEntry;
export type Resource = IstioResource | Service | Namespace | OtherResource;

export function isIstio(r: Resource): r is IstioResource {
  return r.group === 'networking.istio.io' && !('other' in r);
}

/** A SourceRef at `path` inside `r`. */
export function sourceAt(r: ResourceBase & { kind: string }, path: FieldPath = []): SourceRef {
  const pos = r.locator.position(path);
  const ref: SourceRef = {
    file: r.file,
    line: pos.line,
    column: pos.column,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
  };
  if (path.length) ref.path = formatPath(path);
  return ref;
}

export function refOf(r: ResourceBase & { kind: string }): string {
  return `${r.kind} ${r.namespace}/${r.name}`;
}
