import { relative, sep } from 'node:path';
import { Node, type Project, type SourceFile, SyntaxKind } from 'ts-morph';
import { compareFindings, type Finding, type SourceRef } from '../findings/finding.js';
import { findingMeta } from '../findings/catalog.js';
import type { ConvertOptions } from '../options.js';
import { Computed, extractObject, OccurrenceIds, type Value } from './extract.js';
import { findSites, importSpecifierOf } from './find.js';
import { convertChecked, type ReadEffect } from './read-check.js';
import { describe, nameOf, nodeAt, positionOf, type SourceResource } from './resources.js';
import { STAND_IN_A, standIn } from './stand-ins.js';
import { columnOf, lineIndent, placementOf } from './place.js';
import { type NeededImport, nameArgument, objectCode, suffixedName } from './code.js';
import { styleOf } from './print.js';
import { type MaybeUnused, settleImports } from './imports.js';
import { Cdk8sGatewayImports } from './cdk8s-imports.js';

export interface CodemodOptions extends ConvertOptions {
  /** Files in findings and changes are shown relative to this directory (default: absolute paths). */
  root?: string;
  /** The files to rewrite (default: every file of the project but declaration files and node_modules). */
  files?: readonly SourceFile[];
}

/** One rewritten file. */
export interface CodemodChange {
  /** Absolute path. */
  path: string;
  /** As findings show it. */
  file: string;
  before: string;
  after: string;
}

/** An Istio resource of the source, by kind, name and place. */
export interface CodemodResource {
  kind: string;
  /** As written (`<computed>` when the source computes it; empty when not written). */
  namespace: string;
  name: string;
  file: string;
  line: number;
  /** Why it is left as written (kept resources only). */
  reason?: string;
}

export interface CodemodResult {
  changes: CodemodChange[];
  findings: Finding[];
  converted: CodemodResource[];
  kept: CodemodResource[];
  /** How many Gateway API objects the rewritten code creates. */
  generated: number;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Which file paths the codemod reads: TypeScript sources, not declarations, not dependencies. */
export function isCodemodSource(path: string): boolean {
  return (
    /\.(ts|tsx|mts)$/.test(path) &&
    !/\.d\.[cm]?ts$/.test(path) &&
    !path
      .split(/[\\/]/)
      .some((p) => p === 'node_modules' || (p.startsWith('.') && p !== '.' && p !== '..'))
  );
}

/**
 * Rewrites the Istio networking resources written in a ts-morph Project's TypeScript sources as
 * the Gateway API code `convert` gives for them, in the same style (object literal,
 * kubernetes-models class, Pulumi CustomResource, cdk8s ApiObject or the classes of the project's imports/gateway.networking.k8s.io). Pure: the Project is only
 * read; the result holds each changed file's text before and after, and the findings, located
 * in the TypeScript source.
 */
export function codemod(project: Project, options: CodemodOptions = {}): CodemodResult {
  const { root, files, ...given } = options;
  // Each Gateway written in code is rewritten in place by its own Gateway: merging two object
  // literals into one (per-workload) has no place to go, so per-gateway unless asked otherwise.
  const convertOptions: ConvertOptions =
    given.gatewayStrategy === undefined && !given.reuseGateway
      ? { ...given, gatewayStrategy: 'per-gateway' }
      : given;
  const sources = [...(files ?? project.getSourceFiles())]
    .filter((sf) => isCodemodSource(sf.getFilePath()))
    .sort((a, b) => (a.getFilePath() < b.getFilePath() ? -1 : 1));
  const show = (sf: SourceFile): string =>
    root ? relative(root, sf.getFilePath()).split(sep).join('/') : sf.getFilePath();
  const out: CodemodResult = { changes: [], findings: [], converted: [], kept: [], generated: 0 };
  const ids = new OccurrenceIds();
  const resources: SourceResource[] = [];
  const keptOnce = new Set<SourceResource>();
  const leave = (
    r: SourceResource,
    at: Node,
    id: 'codemod-dynamic-value' | 'codemod-not-placeable',
    message: string,
    hint?: string,
    path?: string,
  ): void => {
    const f: Finding = {
      id,
      severity: findingMeta(id).severity,
      message,
      source: refAt(r, at, path),
    };
    if (hint) f.hint = hint;
    out.findings.push(f);
    if (!keptOnce.has(r)) out.kept.push({ ...idOf(r), reason: message });
    keptOnce.add(r);
  };

  for (const sf of sources) {
    for (const site of findSites(sf)) {
      const extracted = extractObject(
        site.props,
        ids,
        site.form === 'cdk8s' ? cdk8sKey : undefined,
      );
      const base: Record<string, Value> =
        site.form === 'object' || site.form === 'pulumi'
          ? {}
          : { apiVersion: site.apiVersion, kind: site.kind };
      const r: SourceResource = {
        site,
        sf,
        file: show(sf),
        extracted,
        value: { ...base, ...extracted.value },
        inputName: `${show(sf)}#${String(resources.length).padStart(4, '0')}`,
      };
      if (extracted.opaque) {
        leave(
          r,
          extracted.opaque.node,
          'codemod-dynamic-value',
          `${describe(r)} cannot be read as data: it holds ${extracted.opaque.reason}; left unchanged`,
          'Write the fields out, or convert this resource by hand.',
        );
        continue;
      }
      const meta = r.value.metadata;
      if (
        site.form === 'cdk8s' &&
        (!meta ||
          typeof meta !== 'object' ||
          Array.isArray(meta) ||
          meta instanceof Computed ||
          meta.name === undefined)
      ) {
        leave(
          r,
          site.node,
          'codemod-dynamic-value',
          `${describe(r)} has no metadata.name: cdk8s makes one up at synth time, and the conversion needs it to name and link the new objects; left unchanged`,
          'Give the resource a metadata.name.',
        );
        continue;
      }
      resources.push(r);
    }
  }
  if (!resources.length) return finish(out);

  const checked = convertChecked(resources, convertOptions);
  const result = checked.result;
  const converted = new Set(result.converted.map((c) => c.file));
  const outputs = new Map(result.files.map((f) => [f.file, f.objects]));
  const byInput = new Map(resources.map((r) => [r.inputName, r]));
  const exprOf = new Map<number, string>();
  for (const r of resources)
    for (const o of r.extracted.occurrences)
      if (!exprOf.has(o.id)) exprOf.set(o.id, o.node.getText());
  const readable = (text: string): string => {
    let t = text.replace(STAND_IN_A, (_m, id: string) => `\${${exprOf.get(Number(id)) ?? '?'}}`);
    for (const r of resources)
      t = t
        .split(`${r.inputName}:1`)
        .join(`${r.file}:${positionOf(r.site.node).line}`)
        .split(r.inputName)
        .join(r.file);
    return t;
  };

  const gatewayImports = new Cdk8sGatewayImports(project);
  const stringCodes = new Map<SourceFile, Map<string, string>>();
  const written = new Set<SourceResource>();
  /** Resources left as written because of a computed value or no room: the conversion's findings on them do not apply. */
  const unwritten = new Set<SourceResource>();
  const edits = new Map<
    SourceFile,
    { edits: Edit[]; needed: NeededImport[]; maybeUnused: MaybeUnused[] }
  >();
  for (const r of resources) {
    const kept = result.kept.find((k) => k.file === r.inputName);
    const blockers = [...checked.read].filter(([, effect]) => effect.affected.has(r.inputName));
    if (!converted.has(r.inputName)) {
      // Kept anyway; but when the conversion rejected a stand-in (a computed port, a weight), say so.
      const atValue = blockers.filter(
        ([id, e]) => e.atFinding && r.extracted.occurrences.some((o) => o.id === id),
      );
      if (atValue.length) {
        unwritten.add(r);
        for (const [id, effect] of atValue) reportRead(r, id, effect);
      } else out.kept.push({ ...idOf(r), reason: kept ? readable(kept.reason) : 'not converted' });
      continue;
    }
    if (blockers.length) {
      unwritten.add(r);
      for (const [id, effect] of blockers) reportRead(r, id, effect);
      continue;
    }
    const objects = outputs.get(r.inputName) ?? [];
    const placement = placementOf(r.site);
    if (objects.length === 0) {
      leave(
        r,
        r.site.node,
        'codemod-not-placeable',
        `${describe(r)} converts to no object; left unchanged`,
        'Remove it by hand once the objects that replace it are in place.',
      );
      continue;
    }
    if (objects.length > 1 && placement.kind === 'single') {
      leave(
        r,
        r.site.node,
        'codemod-not-placeable',
        `${describe(r)} converts to ${objects.length} objects (${objects.map((o) => o.kind).join(', ')}), and it stands where only one expression fits; left unchanged`,
        'Move it into an array, a `const` of its own or a statement of its own, and run the codemod again.',
      );
      continue;
    }
    const plan = edits.get(r.sf) ?? { edits: [], needed: [], maybeUnused: [] };
    const style = styleOf(r.sf);
    const strings = stringCodeFor(r.sf);
    let foreign: number[] = [];
    const code = (s: string): string | undefined => {
      if (!STAND_IN_A.test(s)) return undefined;
      STAND_IN_A.lastIndex = 0;
      const c = strings.get(s);
      if (c === undefined) foreign = [...s.matchAll(STAND_IN_A)].map((m) => Number(m[1]));
      return c ?? s;
    };
    const use = (module: string, name: string): string => {
      const placeholder = `__i2g_import_${name}__${module.replace(/\W/g, '_')}__i2g__`;
      plan.needed.push({ module, name, placeholder });
      return placeholder;
    };
    const computedIsString = (s: string): boolean | undefined => computedString(r.sf, s);
    const cdk8sTyped =
      r.site.form === 'cdk8s'
        ? (o: Record<string, unknown>) => gatewayImports.typed(r.site, r.sf, o, computedIsString)
        : undefined;
    const indent = lineIndent(r.site.node);
    const nameArg = nameArgument(r.site);
    const kindCount = new Map<string, number>();
    const names: string[] = objects.map((o, k) => {
      if (k === 0 || !nameArg) return nameArg?.getText() ?? '';
      const n = (kindCount.get(o.kind as string) ?? 0) + 1;
      kindCount.set(o.kind as string, n);
      return suffixedName(nameArg, `${String(o.kind).toLowerCase()}${n > 1 ? `-${n}` : ''}`, style);
    });
    const codes: string[] = [];
    const statementEdits: string[] = [];
    objects.forEach((o, k) => {
      if (k === 0 || placement.kind === 'array') {
        codes.push(
          objectCode(r.site, o, names[k]!, {
            style,
            code,
            indent,
            column: columnOf(r.site.node),
            use,
            cdk8sTyped,
          }),
        );
        return;
      }
      if (placement.kind === 'variable') {
        const st = placement.statement;
        const stIndent = lineIndent(st);
        const varName = uniqueName(r.sf, `${placement.name}${o.kind as string}`, plan);
        const head = `${st.isExported() ? 'export ' : ''}${st.getDeclarationKind()} ${varName} = `;
        const semi = st.getText().trimEnd().endsWith(';') ? ';' : '';
        statementEdits.push(
          `\n\n${stIndent}${head}${objectCode(r.site, o, names[k]!, { style, code, indent: stIndent, column: stIndent.length + head.length, use, cdk8sTyped })}${semi}`,
        );
      } else if (placement.kind === 'statement') {
        const st = placement.statement;
        const stIndent = lineIndent(st);
        const semi = st.getText().trimEnd().endsWith(';') ? ';' : '';
        statementEdits.push(
          `\n${stIndent}${objectCode(r.site, o, names[k]!, { style, code, indent: stIndent, column: stIndent.length, use, cdk8sTyped })}${semi}`,
        );
      }
    });
    if (foreign.length) {
      const id = foreign[0]!;
      leave(
        r,
        r.site.node,
        'codemod-dynamic-value',
        `${describe(r)} converts to objects that use \`${exprOf.get(id) ?? '?'}\`, which this file does not write; left unchanged`,
        'Write the value in this file too (or convert this resource by hand).',
      );
      continue;
    }
    plan.edits.push({
      start: r.site.node.getStart(),
      end: r.site.node.getEnd(),
      text: codes.join(`,\n${indent}`),
    });
    if (statementEdits.length) {
      const st = (placement as { statement: Node }).statement;
      plan.edits.push({ start: st.getEnd(), end: st.getEnd(), text: statementEdits.join('') });
    }
    // Imports the replaced code used (the Istio class, an enum, a config object) may now be unused.
    for (const id of new Set(
      r.site.node.getDescendantsOfKind(SyntaxKind.Identifier).map((i) => i.getText()),
    )) {
      const spec = importSpecifierOf(id, r.sf);
      if (spec) plan.maybeUnused.push({ module: spec.module, local: id });
    }
    edits.set(r.sf, plan);
    written.add(r);
    out.converted.push(idOf(r));
    out.generated += objects.length;
  }

  for (const [sf, plan] of edits) {
    const before = sf.getFullText();
    let text = before;
    for (const e of [...plan.edits].sort((a, b) => b.start - a.start))
      text = text.slice(0, e.start) + e.text + text.slice(e.end);
    const used = plan.needed.filter((n) => text.includes(n.placeholder));
    const after = settleImports(text, sf.getFilePath(), plan.maybeUnused, used, styleOf(sf));
    if (after !== before)
      out.changes.push({ path: sf.getFilePath(), file: show(sf), before, after });
  }

  // The conversion's findings, located in the source. Findings about a resource left as written
  // are dropped: they describe a rewrite that did not happen (its own finding says why).
  for (const f of result.findings) {
    const r = f.source ? byInput.get(f.source.file) : undefined;
    if (r && (unwritten.has(r) || (converted.has(r.inputName) && !written.has(r)))) continue;
    const g: Finding = { ...f, message: readable(f.message) };
    if (f.hint) g.hint = readable(f.hint);
    if (r && f.source) g.source = refAt(r, nodeAt(r, f.source.path), f.source.path);
    out.findings.push(g);
  }
  return finish(out);

  function reportRead(r: SourceResource, id: number, effect: ReadEffect): void {
    const own = r.extracted.occurrences.find((o) => o.id === id);
    const expr = exprOf.get(id) ?? '?';
    if (own) {
      const path = own.path.length ? ` (${formatField(own.path)})` : '';
      leave(
        r,
        own.node,
        'codemod-dynamic-value',
        `\`${expr}\`${path} is computed, and ${effect.reason}; ${describe(r)} is left unchanged`,
        'Write the value as a literal (or a `const` with a literal type), or convert this resource by hand.',
        formatField(own.path) || undefined,
      );
    } else {
      const from = resources.find((x) => x.extracted.occurrences.some((o) => o.id === id));
      const where = from
        ? ` (${from.file}:${positionOf(from.extracted.occurrences.find((o) => o.id === id)!.node).line})`
        : '';
      leave(
        r,
        r.site.node,
        'codemod-dynamic-value',
        `the conversion of ${describe(r)} depends on \`${expr}\`${where}, which is computed; left unchanged`,
        'Write that value as a literal, or convert this resource by hand.',
      );
    }
  }

  /**
   * Whether the code a string of `sf` stands for is a string: a template is; one expression is when
   * its type is a string. Undefined for a string that stands for no code (written as a literal).
   */
  function computedString(sf: SourceFile, s: string): boolean | undefined {
    if (!stringCodeFor(sf).has(s)) return undefined;
    for (const r of resources) {
      if (r.sf !== sf) continue;
      for (const o of r.extracted.occurrences) {
        if (o.inTemplate || checked.constants.has(o.id) || standIn(o.id, 'a') !== s) continue;
        const t = o.node.getType();
        return t.isString() || t.isStringLiteral() || t.isAny();
      }
    }
    return true;
  }

  /** Code for the strings that stand for computed code in `sf`: each stand-in, each template. */
  function stringCodeFor(sf: SourceFile): Map<string, string> {
    const cached = stringCodes.get(sf);
    if (cached) return cached;
    const map = new Map<string, string>();
    stringCodes.set(sf, map);
    for (const r of resources) {
      if (r.sf !== sf) continue;
      for (const o of r.extracted.occurrences) {
        if (checked.constants.has(o.id)) continue;
        const key = standIn(o.id, 'a');
        if (!o.inTemplate) map.set(key, o.node.getText());
        else if (!map.has(key)) map.set(key, `\`\${${o.node.getText()}}\``);
        if (o.inTemplate) {
          const tpl = o.node.getParentOrThrow().getParentOrThrow();
          if (Node.isTemplateExpression(tpl)) map.set(templateString(tpl, r), tpl.getText());
        }
      }
    }
    return map;
  }

  function templateString(tpl: Node, r: SourceResource): string {
    if (!Node.isTemplateExpression(tpl)) return '';
    let s = tpl.getHead().getLiteralText();
    for (const span of tpl.getTemplateSpans()) {
      const o = r.extracted.occurrences.find((x) => x.node === span.getExpression())!;
      s += checked.constants.has(o.id) ? String(checked.constants.get(o.id)) : standIn(o.id, 'a');
      s += span.getLiteral().getLiteralText();
    }
    return s;
  }
}

function formatField(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}

function uniqueName(sf: SourceFile, base: string, plan: { edits: Edit[] }): string {
  const text = sf.getFullText() + plan.edits.map((e) => e.text).join('\n');
  let name = base;
  for (let i = 2; new RegExp(`\\b${name}\\b`).test(text); i++) name = `${base}${i}`;
  return name;
}

/** cdk8s import names the deprecated `mirror_percent` field `mirrorPercent`; every other key is the manifest's. */
function cdk8sKey(key: string): string {
  return key === 'mirrorPercent' ? 'mirror_percent' : key;
}

function idOf(r: SourceResource): CodemodResource {
  const { namespace, name } = nameOf(r);
  return { kind: r.site.kind, namespace, name, file: r.file, line: positionOf(r.site.node).line };
}

function refAt(r: SourceResource, node: Node, path?: string): SourceRef {
  const pos = positionOf(node);
  const { namespace, name } = nameOf(r);
  const ref: SourceRef = {
    file: r.file,
    line: pos.line,
    column: pos.column,
    kind: r.site.kind,
    name,
  };
  if (namespace) ref.namespace = namespace;
  if (path) ref.path = path;
  return ref;
}

function finish(out: CodemodResult): CodemodResult {
  out.findings.sort(compareFindings);
  const byPlace = (a: CodemodResource, b: CodemodResource) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line;
  out.converted.sort(byPlace);
  out.kept.sort(byPlace);
  out.changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return out;
}
