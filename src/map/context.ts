import type { Finding, SourceRef, TargetRef, FindingId } from '../findings/finding.js';
import { findingMeta } from '../findings/catalog.js';
import type { ConfigIndex } from '../model/index.js';
import { type FieldPath, type Resource, type ResourceBase, sourceAt } from '../model/resources.js';
import type { ConvertedResource } from '../gateway-api/types.js';
import type { ResolvedOptions } from '../options.js';
import type { Target } from '../target.js';
import type { GrantNeed } from './reference-grants.js';

/** One generated object and the input resource it came from (for grouping output by file). */
export interface Emitted {
  object: ConvertedResource;
  origin: Resource;
  /** A root VirtualService whose delegated rules this route (made from its delegate) holds. */
  carries?: Resource;
}

/** What every mapper may read; `report` is the only side channel, and it only appends. */
export interface MapContext {
  index: ConfigIndex;
  target: Target;
  options: ResolvedOptions;
  report(finding: Finding): void;
  /** Ask for a ReferenceGrant; the map stage merges all needs into grants at the end. */
  needGrant(need: GrantNeed): void;
  /**
   * Set while mapping a VirtualService whose mesh rules stay in its residual VirtualService
   * (map/residual): the route mappers write its gateway rules only.
   */
  meshInResidual?: boolean;
  /** Indices of `spec.hosts` whose mesh rules stay in the residual (they can be no mesh parent). */
  meshHostsInResidual?: ReadonlySet<number>;
}

export interface ReportArgs {
  message: string;
  hint?: string;
  target?: TargetRef;
}

/** Report finding `id` at `path` of `resource`; severity comes from the catalog. */
export function reportAt(
  ctx: MapContext,
  id: FindingId,
  resource: ResourceBase & { kind: string },
  path: FieldPath,
  args: ReportArgs,
): void {
  const meta = findingMeta(id);
  const source: SourceRef = sourceAt(resource, path);
  const f: Finding = { id, severity: meta.severity, message: args.message, source };
  if (args.target) f.target = args.target;
  if (args.hint) f.hint = args.hint;
  ctx.report(f);
}
