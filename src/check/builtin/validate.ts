import type { K8sObject } from '../../gateway-api/types.js';
import { supportsApi, type Target } from '../../target.js';
import { metadataProblems } from '../meta.js';
import { objectRef, type ObjectRef, type Violation } from '../violation.js';
import { applyDefaults, check, type Ctx } from './dsl.js';
import { type KindModel, MODELS } from './kinds.js';
import { append, clonePlain } from '../../collections.js';
import { bundledCrdSet, bundledKind } from '../crd/gateway-api-crds.js';
import { validateWithCrds } from '../crd/validate.js';

const GROUP = 'gateway.networking.k8s.io';
/** The experimental channel's kinds (XListenerSet, XBackendTrafficPolicy, XMesh…). */
const X_GROUP = 'gateway.networking.x-k8s.io';

function groupOf(apiVersion: string): string | undefined {
  const group = apiVersion.slice(0, apiVersion.lastIndexOf('/'));
  return group === GROUP || group === X_GROUP ? group : undefined;
}

/**
 * True when the built-in validator checks the object: every kind of the Gateway API groups
 * (by its own rules, or by the target's CRD schema and CEL rules for the kinds it does not model).
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
export function validateOutput(objects: readonly K8sObject[] | readonly unknown[], target: Target): Violation[] {
  const out: Violation[] = [];
  objects.forEach((o, index) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return;
    const obj = o as Record<string, unknown>;
    const ref = objectRef(obj, index);
    const group = groupOf(ref.apiVersion);
    if (group === undefined) return;
    const version = ref.apiVersion.slice(group.length + 1);
    const model = MODELS.find((m) => m.kind === ref.kind && m.version === version && servedByModel(m, target));
    if (model) append(out, checkByModel(obj, ref, model, target));
    else append(out, checkByCrd(obj, ref, group, version, target));
  });
  return out;
}

const servedByModel = (m: KindModel, target: Target): boolean => !m.served || m.served.some((f) => supportsApi(target, f));

/** The built-in rules: what the API server checks on create, and the rules no CRD checks. */
function checkByModel(obj: Record<string, unknown>, ref: ObjectRef, model: KindModel, target: Target): Violation[] {
  const out: Violation[] = [];
  for (const p of metadataProblems(obj.metadata, true)) out.push({ object: ref, path: p.path, origin: 'metadata', rule: 'metadata', message: p.message });
  for (const k of Object.keys(obj)) {
    if (!['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(k)) out.push({ object: ref, path: [k], origin: 'builtin', rule: 'unknown-field', message: `unknown field "${k}"` });
  }
  const ctx: Ctx = { target, report: (path, message, rule) => out.push({ object: ref, path, origin: 'builtin', rule, message }) };
  if (obj.spec === undefined) {
    if (model.specRequired) ctx.report(['spec'], 'spec is required', 'required');
    return out;
  }
  const spec = clonePlain(obj.spec);
  applyDefaults(spec, model.spec, target);
  check(spec, model.spec, ['spec'], ctx);
  return out;
}

/**
 * Kinds and versions the built-in rules do not model (GatewayClass, ListenerSet, UDPRoute,
 * XListenerSet…): the target's own CRD, bundled (crd/gateway-api-crds.gen.ts), schema and CEL.
 */
function checkByCrd(obj: Record<string, unknown>, ref: ObjectRef, group: string, version: string, target: Target): Violation[] {
  const served = (message: string): Violation[] => [{ object: ref, path: ['apiVersion'], origin: 'served', rule: 'served', message }];
  const bundled = bundledKind(target, group, ref.kind);
  if (!bundled) return served(`no kind "${ref.kind}" in ${group} for this release and channel`);
  if (!bundled.served.includes(version)) {
    const ok = bundled.served.map((v) => `${group}/${v}`);
    return served(`Gateway API ${target.gatewayApi} ${target.channel} does not serve ${ref.kind} ${ref.apiVersion}${ok.length ? ` (it serves ${ok.join(', ')})` : ''}`);
  }
  const set = bundledCrdSet(bundled, version);
  // No schema bundled: a version the built-in rules model, gated off by FEATURES (a test keeps both in step).
  if (!set) return served(`${ref.kind} ${ref.apiVersion} is not modelled for this release and channel`);
  return validateWithCrds([obj], set).violations.map((v) => ({ ...v, object: ref }));
}
