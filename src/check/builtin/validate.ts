import type { K8sObject } from '../../gateway-api/types.js';
import { supportsApi, type Target } from '../../target.js';
import { metadataProblems } from '../meta.js';
import { objectRef, type ObjectRef, type Violation } from '../violation.js';
import { applyDefaults, check, type Ctx } from './dsl.js';
import { type KindModel, MODELS } from './kinds.js';
import { append, clonePlain } from '../../collections.js';

const GROUP = 'gateway.networking.k8s.io';
/** The experimental channel's kinds (XListenerSet, XBackendTrafficPolicy, XMesh…). */
const X_GROUP = 'gateway.networking.x-k8s.io';

function groupOf(apiVersion: string): string | undefined {
  const group = apiVersion.slice(0, apiVersion.lastIndexOf('/'));
  return group === GROUP || group === X_GROUP ? group : undefined;
}

/**
 * True when `validate` checks the object: every kind of the Gateway API groups (by the built-in
 * rules, or by the target's CRD schema and CEL rules for the kinds they do not model).
 */
export function isModelled(o: { apiVersion?: unknown; kind?: unknown }): boolean {
  return typeof o.apiVersion === 'string' && typeOf(o.kind) && groupOf(o.apiVersion) !== undefined;
}
const typeOf = (k: unknown): boolean => typeof k === 'string' && k.length > 0;

/** True for a violation of a rule no CRD checks (semantics.md §8): the API server accepts it. */
export function isBeyondCrd(v: Violation): boolean {
  return v.rule?.startsWith('semantics:') ?? false;
}

/**
 * Validates Gateway API objects against the rules of `target` (release × channel) without
 * the CRDs: what the API server checks on create, plus the rules no CRD checks. Objects of
 * other groups (Service, DestinationRule…) are skipped.
 */
export function validateOutput(
  objects: readonly K8sObject[] | readonly unknown[],
  target: Target,
  byCrd?: CrdFallback,
): Violation[] {
  const out: Violation[] = [];
  objects.forEach((o, index) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return;
    const obj = o as Record<string, unknown>;
    const ref = objectRef(obj, index);
    const group = groupOf(ref.apiVersion);
    if (group === undefined) return;
    const version = ref.apiVersion.slice(group.length + 1);
    const forKind = MODELS.filter((m) => m.kind === ref.kind);
    const model = forKind.find((m) => m.version === version && servedByModel(m, target));
    if (model) append(out, checkByModel(obj, ref, model, target));
    else if (byCrd) append(out, byCrd(obj, ref, group, version, target));
    else if (forKind.length > 0) append(out, notServed(ref, forKind, target));
  });
  return out;
}

/**
 * Checks an object of a kind or version the built-in rules do not model (`validate` passes the
 * target's bundled CRDs, src/check/crd/gateway-api-crds.ts; converting never writes such kinds
 * and does not load the CRD validator).
 */
export type CrdFallback = (
  obj: Record<string, unknown>,
  ref: ObjectRef,
  group: string,
  version: string,
  target: Target,
) => Violation[];

function notServed(ref: ObjectRef, forKind: readonly KindModel[], target: Target): Violation[] {
  const ok = forKind.filter((m) => servedByModel(m, target)).map((m) => `${GROUP}/${m.version}`);
  const message = `Gateway API ${target.gatewayApi} ${target.channel} does not serve ${ref.kind} ${ref.apiVersion}${ok.length ? ` (it serves ${ok.join(', ')})` : ''}`;
  return [{ object: ref, path: ['apiVersion'], origin: 'served', rule: 'served', message }];
}

const servedByModel = (m: KindModel, target: Target): boolean =>
  !m.served || m.served.some((f) => supportsApi(target, f));

/** The built-in rules: what the API server checks on create, and the rules no CRD checks. */
function checkByModel(
  obj: Record<string, unknown>,
  ref: ObjectRef,
  model: KindModel,
  target: Target,
): Violation[] {
  const out: Violation[] = [];
  for (const p of metadataProblems(obj.metadata, true))
    out.push({
      object: ref,
      path: p.path,
      origin: 'metadata',
      rule: 'metadata',
      message: p.message,
    });
  for (const k of Object.keys(obj)) {
    if (!['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(k))
      out.push({
        object: ref,
        path: [k],
        origin: 'builtin',
        rule: 'unknown-field',
        message: `unknown field "${k}"`,
      });
  }
  const ctx: Ctx = {
    target,
    report: (path, message, rule) =>
      out.push({ object: ref, path, origin: 'builtin', rule, message }),
  };
  if (obj.spec === undefined) {
    if (model.specRequired) ctx.report(['spec'], 'spec is required', 'required');
    return out;
  }
  const spec = clonePlain(obj.spec);
  applyDefaults(spec, model.spec, target);
  check(spec, model.spec, ['spec'], ctx);
  return out;
}
