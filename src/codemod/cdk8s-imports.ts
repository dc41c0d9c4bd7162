import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { Node, Project, type SourceFile, type Type } from 'ts-morph';
import type { Site } from './find.js';

/** The file `cdk8s import` writes for the Gateway API CRDs, beside the Istio one (`imports/`). */
const MODULE_FILE = 'gateway.networking.k8s.io.ts';

/** A Gateway API class of a `cdk8s import`ed module: its name and the type of its props. */
interface ImportedClass {
  name: string;
  props: Type;
}

interface GatewayModule {
  sf: SourceFile;
  /** By `${apiVersion} ${kind}`, from each class's static GVK. */
  classes: Map<string, ImportedClass>;
}

/** One output object written with an imported class: what to print and which enum members the markers stand for. */
export interface TypedObject {
  module: string;
  className: string;
  /** The object without apiVersion and kind (the class sets them); enum values replaced by marker strings. */
  props: Record<string, unknown>;
  enums: Map<string, { enumName: string; member: string }>;
}

const NO = Symbol('does not fit');

/**
 * The classes of a project's `cdk8s import`ed `imports/gateway.networking.k8s.io` module, for
 * cdk8s output: the module is looked for beside the Istio module the site's class comes from.
 * Only read: a module that is not part of the Project is read in a Project of its own.
 */
export class Cdk8sGatewayImports {
  private readonly modules = new Map<string, GatewayModule | undefined>();

  constructor(private readonly project: Project) {}

  /**
   * `obj` (a Gateway API object) as the props of the module's class for its apiVersion and kind,
   * with enum-typed values as the module's enum members; undefined when the project has no such
   * module, the module has no class for it, or the object does not fit the class's props as
   * written (then it stays an `ApiObject`). `computed` tells, for a string that stands for
   * computed code, whether that code is a string (undefined: a plain string, written as a literal).
   */
  typed(
    site: Site,
    sf: SourceFile,
    obj: Record<string, unknown>,
    computed: (s: string) => boolean | undefined,
  ): TypedObject | undefined {
    const located = this.locate(site, sf);
    if (!located) return undefined;
    const { module, specifier } = located;
    const { apiVersion, kind, ...rest } = obj as { apiVersion: string; kind: string };
    const cls = module.classes.get(`${apiVersion} ${kind}`);
    if (!cls) return undefined;
    const enums = new Map<string, { enumName: string; member: string }>();
    const at = module.sf;

    const fit = (v: unknown, type: Type): unknown => {
      if (type.isAny() || type.isUnknown()) return v;
      const t = type.getNonNullableType();
      const en = enumOf(t);
      if (en) {
        if (
          (typeof v !== 'string' && typeof v !== 'number') ||
          (typeof v === 'string' && computed(v) !== undefined)
        )
          return NO;
        const member = en.getMembers().find((m) => m.getValue() === v);
        if (!member || !en.isExported() || en.getSourceFile() !== at) return NO;
        const marker = `\u0000i2g-enum-${enums.size}\u0000`;
        enums.set(marker, { enumName: en.getName(), member: member.getName() });
        return marker;
      }
      if (typeof v === 'string') {
        const code = computed(v);
        if (code === false) return NO;
        if (
          t.isString() ||
          (t.isStringLiteral() && t.getLiteralValue() === v && code === undefined)
        )
          return v;
      } else if (typeof v === 'number') {
        if (t.isNumber() || (t.isNumberLiteral() && t.getLiteralValue() === v)) return v;
      } else if (typeof v === 'boolean') {
        if (t.isBoolean() || (t.isBooleanLiteral() && t.getText() === String(v))) return v;
      } else if (Array.isArray(v)) {
        const element = t.getArrayElementType();
        if (element) {
          const out = v.map((x) => fit(x, element));
          return out.includes(NO) ? NO : out;
        }
      } else if (
        v !== null &&
        typeof v === 'object' &&
        (t.isObject() || t.isIntersection()) &&
        !t.isArray()
      ) {
        const out: Record<string, unknown> = {};
        const entries = Object.entries(v).filter(([, x]) => x !== undefined);
        for (const [k, x] of entries) {
          const prop = t.getProperty(k);
          const pt = prop ? prop.getTypeAtLocation(at) : t.getStringIndexType();
          if (!pt) return NO;
          const y = fit(x, pt);
          if (y === NO) return NO;
          out[k] = y;
        }
        // A required prop the object does not set would not compile.
        for (const p of t.getProperties()) if (!p.isOptional() && !(p.getName() in out)) return NO;
        return out;
      }
      if (t.isUnion() && !t.isBoolean()) {
        for (const u of t.getUnionTypes()) {
          const y = fit(v, u);
          if (y !== NO) return y;
        }
      }
      return NO;
    };

    const props = fit(rest, cls.props);
    if (props === NO) return undefined;
    return {
      module: specifier,
      className: cls.name,
      props: props as Record<string, unknown>,
      enums,
    };
  }

  /** The module beside the Istio module of the site's class, and how `sf` imports (or would import) it. */
  private locate(
    site: Site,
    sf: SourceFile,
  ): { module: GatewayModule; specifier: string } | undefined {
    if (site.form !== 'cdk8s') return undefined;
    const callee = (site.node as unknown as { getExpression(): Node }).getExpression();
    const local = callee.getText();
    const istioDecl = sf
      .getImportDeclarations()
      .find((d) =>
        d.getNamedImports().some((n) => (n.getAliasNode()?.getText() ?? n.getName()) === local),
      );
    const istio = istioDecl?.getModuleSpecifierSourceFile();
    if (!istioDecl || !istio) return undefined;
    const path = join(dirname(istio.getFilePath()), MODULE_FILE);
    const module = this.load(path);
    if (!module) return undefined;
    const existing = sf
      .getImportDeclarations()
      .find((d) => d.getModuleSpecifierSourceFile()?.getFilePath() === module.sf.getFilePath());
    if (existing) return { module, specifier: existing.getModuleSpecifierValue() };
    let specifier = relative(dirname(sf.getFilePath()), path)
      .split(sep)
      .join('/')
      .replace(/\.ts$/, '');
    if (!specifier.startsWith('.')) specifier = `./${specifier}`;
    if (istioDecl.getModuleSpecifierValue().endsWith('.js')) specifier += '.js';
    return { module, specifier };
  }

  private load(path: string): GatewayModule | undefined {
    if (this.modules.has(path)) return this.modules.get(path);
    let sf = this.project.getSourceFile(path);
    if (!sf && existsSync(path)) {
      const own = new Project({ compilerOptions: this.project.getCompilerOptions() });
      sf = own.addSourceFileAtPath(path);
    }
    const module = sf ? { sf, classes: classesOf(sf) } : undefined;
    this.modules.set(path, module);
    return module;
  }
}

/** Exported classes with a static `GVK = { apiVersion, kind }` (what `cdk8s import` writes), by GVK. */
function classesOf(sf: SourceFile): Map<string, ImportedClass> {
  const classes = new Map<string, ImportedClass>();
  for (const cls of sf.getClasses()) {
    const name = cls.getName();
    if (!name || !cls.isExported()) continue;
    const gvk = cls.getStaticProperty('GVK');
    const init = gvk && Node.isPropertyDeclaration(gvk) ? gvk.getInitializer() : undefined;
    if (!init || !Node.isObjectLiteralExpression(init)) continue;
    const field = (n: string): string | undefined => {
      const p = init.getProperty(n);
      const v = p && Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
      return v && Node.isStringLiteral(v) ? v.getLiteralValue() : undefined;
    };
    const apiVersion = field('apiVersion');
    const kind = field('kind');
    const props = cls.getConstructors()[0]?.getParameters()[2]?.getType();
    if (apiVersion && kind && props) classes.set(`${apiVersion} ${kind}`, { name, props });
  }
  return classes;
}

/** The enum declaration of an enum type (or one of its members). */
function enumOf(t: Type) {
  if (
    !t.isEnum() &&
    !t.isEnumLiteral() &&
    !(t.isUnion() && t.getUnionTypes().every((u) => u.isEnumLiteral()))
  )
    return undefined;
  let decl = t.getSymbol()?.getDeclarations()[0];
  if (decl && Node.isEnumMember(decl)) decl = decl.getParent();
  return decl && Node.isEnumDeclaration(decl) ? decl : undefined;
}
