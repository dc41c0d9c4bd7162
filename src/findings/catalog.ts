import type { FindingMeta } from './finding.js';
import { READ_FINDINGS } from '../parse/findings.js';
import { CONVERT_FINDINGS } from '../map/findings.js';
import { GATEWAY_FINDINGS } from '../map/gateway/findings.js';
import { HTTP_FINDINGS } from '../map/http/findings.js';
import { GRPC_FINDINGS } from '../map/grpc/findings.js';
import { L4_FINDINGS } from '../map/l4/findings.js';
import { MESH_FINDINGS } from '../map/mesh/findings.js';
import { RESIDUAL_FINDINGS } from '../map/residual/findings.js';
import { SUBSET_FINDINGS } from '../map/subsets/findings.js';
import { EGRESS_FINDINGS } from '../map/egress/findings.js';
import { POLICY_FINDINGS } from '../map/policies/findings.js';
import { OWNER_FINDINGS } from '../map/owners/findings.js';
import { AMBIENT_FINDINGS } from '../map/ambient/findings.js';
import { CHECK_FINDINGS } from '../check/findings.js';
import { CLI_FINDINGS } from '../cli/findings.js';
import { EMIT_FINDINGS } from '../emit/findings.js';
import { CODEMOD_FINDINGS } from '../codemod/findings.js';
import { VERIFY_FINDINGS } from '../verify/findings.js';

// Every finding id the tool can raise. Each module that raises findings declares its own
// list; docs/findings/<id>.md documents each (test/findings-docs.test.ts keeps them in step).
export const FINDING_GROUPS: readonly { title: string; findings: readonly FindingMeta[] }[] = [
  { title: 'Reading input', findings: READ_FINDINGS },
  { title: 'Conversion', findings: CONVERT_FINDINGS },
  { title: 'Gateway → Gateway', findings: GATEWAY_FINDINGS },
  { title: 'VirtualService http → HTTPRoute', findings: HTTP_FINDINGS },
  { title: 'VirtualService http → GRPCRoute', findings: GRPC_FINDINGS },
  { title: 'VirtualService tls/tcp → TLSRoute/TCPRoute', findings: L4_FINDINGS },
  { title: 'Mesh (GAMMA) routes', findings: MESH_FINDINGS },
  { title: 'Residual VirtualServices', findings: RESIDUAL_FINDINGS },
  { title: 'DestinationRule subsets → Services', findings: SUBSET_FINDINGS },
  { title: 'Egress gateways', findings: EGRESS_FINDINGS },
  { title: 'DestinationRule TLS and label-selected policies', findings: POLICY_FINDINGS },
  { title: 'Resources owned by a controller', findings: OWNER_FINDINGS },
  { title: 'Ambient mode (--mesh ambient)', findings: AMBIENT_FINDINGS },
  { title: 'Validating output', findings: CHECK_FINDINGS },
  { title: 'Writing output', findings: [...EMIT_FINDINGS, ...CLI_FINDINGS] },
  { title: 'TypeScript sources (codemod)', findings: CODEMOD_FINDINGS },
  { title: 'Behaviour check (verify)', findings: VERIFY_FINDINGS },
];

const ALL: readonly FindingMeta[] = FINDING_GROUPS.flatMap((g) => g.findings);

export const CATALOG: ReadonlyMap<string, FindingMeta> = new Map(ALL.map((m) => [m.id, m]));

export function findingMeta(id: string): FindingMeta {
  const meta = CATALOG.get(id);
  if (!meta) throw new Error(`finding id '${id}' is not in the catalog`);
  return meta;
}
