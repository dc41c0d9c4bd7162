import type { K8sObject } from '../gateway-api/types.js';

/** Output order: by kind (Gateways before the routes that attach to them), namespace, name. */
const KIND_RANK = [
  'Namespace',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'TCPRoute',
  'ReferenceGrant',
  'Service',
  'BackendTLSPolicy',
  'DestinationRule',
  'ServiceEntry',
];

function rank(kind: string): number {
  const i = KIND_RANK.indexOf(kind);
  return i < 0 ? KIND_RANK.length : i;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareObjects(a: K8sObject, b: K8sObject): number {
  return (
    rank(a.kind) - rank(b.kind) ||
    cmp(a.kind, b.kind) ||
    cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
    cmp(a.metadata.name, b.metadata.name) ||
    cmp(a.apiVersion, b.apiVersion)
  );
}

export function sortObjects<T extends K8sObject>(objects: readonly T[]): T[] {
  return [...objects].sort(compareObjects);
}
