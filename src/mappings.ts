import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { CHANNELS, GATEWAY_API_RELEASES, ISTIO_VERSIONS } from './target.js';

export const MAPPING_KINDS = [
  'Gateway',
  'VirtualService',
  'DestinationRule',
  'ServiceEntry',
  'AuthorizationPolicy',
  'RequestAuthentication',
  'Telemetry',
  'WasmPlugin',
  'EnvoyFilter',
] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

export const MappingEntrySchema = z.strictObject({
  path: z.string(),
  /** The entry covers the path and every field below it. */
  subtree: z.boolean().optional(),
  status: z.enum(['converted', 'partial', 'kept', 'unsupported', 'ignored']),
  to: z.string().optional(),
  findings: z.array(z.string()).optional(),
  since: z
    .strictObject({
      gatewayApi: z.enum(GATEWAY_API_RELEASES).optional(),
      channel: z.enum(CHANNELS).optional(),
      istio: z.enum(ISTIO_VERSIONS).optional(),
    })
    .optional(),
  note: z.string().optional(),
});

export const MappingFileSchema = z.strictObject({
  kind: z.enum(MAPPING_KINDS),
  fields: z.array(MappingEntrySchema),
});

export type MappingEntry = z.infer<typeof MappingEntrySchema>;
export type MappingFile = z.infer<typeof MappingFileSchema>;

/** mappings/<kind>.yaml, shipped with the package. */
export function loadMapping(kind: MappingKind): MappingFile {
  const url = new URL(`../mappings/${kind.toLowerCase()}.yaml`, import.meta.url);
  return MappingFileSchema.parse(parse(readFileSync(url, 'utf8')));
}

/** The entry that covers a schema path: an exact entry, else the nearest subtree entry above it. */
export function entryFor(file: MappingFile, path: string): MappingEntry | undefined {
  const exact = file.fields.find((e) => e.path === path);
  if (exact) return exact;
  let best: MappingEntry | undefined;
  for (const e of file.fields) {
    if (
      e.subtree &&
      (path.startsWith(`${e.path}.`) ||
        path.startsWith(`${e.path}[]`) ||
        path.startsWith(`${e.path}{}`))
    ) {
      if (!best || e.path.length > best.path.length) best = e;
    }
  }
  return best;
}
