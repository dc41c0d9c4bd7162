import type { K8sObject } from '../../gateway-api/types.js';
import { supportsApi, type Target } from '../../target.js';
import { metadataProblems } from '../meta.js';
import { objectRef, type Violation } from '../violation.js';
import { applyDefaults, check, type Ctx } from './dsl.js';
import { MODELS } from './kinds.js';
import { clonePlain } from '../../collections.js';

const GROUP = 'gateway.networking.k8s.io';
/** Kinds of the group that this validator does not model: left to the CRD-driven validator. */
const UNMODELLED = new Set(['GatewayClass', 'UDPRoute', 'ListenerSet', 'XListenerSet', 'BackendLBPolicy']);

/** True when the built-in validator has rules for the object's kind (in any release). */
export function isModelled(o: { apiVersion?: unknown; kind?: unknown }): boolean {
  return typeof o.apiVersion === 'string' && o.apiVersion.startsWith(`${GROUP}/`) && MODELS.some((m) => m.kind === o.kind);
}

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
    if (!ref.apiVersion.startsWith(`${GROUP}/`) || UNMODELLED.has(ref.kind)) return;
    const version = ref.apiVersion.slice(GROUP.length + 1);
    const forKind = MODELS.filter((m) => m.kind === ref.kind);
    if (forKind.length === 0) {
      out.push({ object: ref, path: ['kind'], origin: 'served', rule: 'served', message: `no kind "${ref.kind}" in ${GROUP}` });
      return;
    }
    const model = forKind.find((m) => m.version === version);
    const served = model && (!model.served || model.served.some((f) => supportsApi(target, f)));
    if (!model || !served) {
      const ok = forKind.filter((m) => !m.served || m.served.some((f) => supportsApi(target, f))).map((m) => `${GROUP}/${m.version}`);
      out.push({ object: ref, path: ['apiVersion'], origin: 'served', rule: 'served', message: `Gateway API ${target.gatewayApi} ${target.channel} does not serve ${ref.kind} ${ref.apiVersion}${ok.length ? ` (it serves ${ok.join(', ')})` : ''}` });
      return;
    }
    for (const p of metadataProblems(obj.metadata, true)) out.push({ object: ref, path: p.path, origin: 'metadata', rule: 'metadata', message: p.message });
    for (const k of Object.keys(obj)) {
      if (!['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(k)) out.push({ object: ref, path: [k], origin: 'builtin', rule: 'unknown-field', message: `unknown field "${k}"` });
    }
    const ctx: Ctx = { target, report: (path, message, rule) => out.push({ object: ref, path, origin: 'builtin', rule, message }) };
    if (obj.spec === undefined) {
      if (model.specRequired) ctx.report(['spec'], 'spec is required', 'required');
      return;
    }
    const spec = clonePlain(obj.spec);
    applyDefaults(spec, model.spec, target);
    check(spec, model.spec, ['spec'], ctx);
  });
  return out;
}
