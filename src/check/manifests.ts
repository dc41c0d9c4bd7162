import type { Finding, FindingId } from '../findings/finding.js';
import { findingMeta } from '../findings/catalog.js';
import { formatPath } from '../model/resources.js';
import { parseFile, type InputFile, type RawObject } from '../parse/documents.js';
import { describeTarget, type Target } from '../target.js';
import { validateOutput } from './builtin/validate.js';
import type { CrdSet } from './crd/load.js';
import { validateWithCrds } from './crd/validate.js';
import { checkByBundledCrd } from './crd/gateway-api-crds.js';
import { describeObject, type UncheckedRule, type Violation } from './violation.js';
import { append } from '../collections.js';

/** Validate against the built-in rules of a target, or against CRDs (`--crds`). */
export type ValidateAgainst = { target: Target } | { crds: CrdSet };

function finding(
  id: FindingId,
  message: string,
  o: RawObject,
  v: Violation | UncheckedRule,
  hint?: string,
): Finding {
  const pos = o.locator.position(v.path);
  const f: Finding = {
    id,
    severity: findingMeta(id).severity,
    message,
    source: {
      file: o.file,
      line: pos.line,
      column: pos.column,
      kind: v.object.kind,
      name: v.object.name,
      path: formatPath(v.path),
    },
  };
  if (v.object.namespace) f.source!.namespace = v.object.namespace;
  if (hint) f.hint = hint;
  return f;
}

/**
 * Validates user manifests (the `validate` command): every Gateway API object of the files,
 * with file:line:column of the offending field. Read problems come back as their findings.
 */
export function validateManifests(
  files: readonly InputFile[],
  against: ValidateAgainst,
): Finding[] {
  const out: Finding[] = [];
  for (const input of files) {
    // Read as the API server's clients read it (YAML 1.1 scalars): `name: no` is a boolean there.
    const parsed = parseFile(input, { yaml11: true });
    append(out, parsed.findings);
    const data = parsed.objects.map((o) => o.data);
    if ('crds' in against) {
      const r = validateWithCrds(data, against.crds);
      for (const v of r.violations)
        out.push(
          finding(
            'invalid-manifest',
            `${describeObject(v.object)}: ${formatPath(v.path) || '(object)'}: ${v.message}`,
            parsed.objects[v.object.index]!,
            v,
          ),
        );
      for (const u of r.unchecked)
        out.push(
          finding(
            'unchecked-rule',
            `${describeObject(u.object)}: ${formatPath(u.path) || '(object)'}: rule not evaluated (${u.reason}): ${u.rule}`,
            parsed.objects[u.object.index]!,
            u,
            'check this rule by hand or with a dry run against a cluster (kubectl apply --dry-run=server)',
          ),
        );
    } else {
      for (const v of validateOutput(data, against.target, checkByBundledCrd)) {
        out.push(
          finding(
            'invalid-manifest',
            `${describeObject(v.object)}: ${formatPath(v.path) || '(object)'}: ${v.message} (${describeTarget(against.target)})`,
            parsed.objects[v.object.index]!,
            v,
          ),
        );
      }
    }
  }
  return out;
}

export { outputFindings } from './output.js';
