import { Node, type NewExpression, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';

/** The four ways Istio networking resources are written in TypeScript that the codemod knows. */
export type SiteForm = 'object' | 'kubernetes-models' | 'pulumi' | 'cdk8s';

export const ISTIO_KINDS = [
  'Gateway',
  'VirtualService',
  'DestinationRule',
  'ServiceEntry',
] as const;
const ISTIO_GROUP = 'networking.istio.io';
const VERSIONS = ['v1', 'v1beta1', 'v1alpha3'];

/** One Istio resource found in a source file. */
export interface Site {
  form: SiteForm;
  /** The expression the conversion replaces: the object literal, or the `new …(…)` call. */
  node: ObjectLiteralExpression | NewExpression;
  /** The object literal holding `metadata` and `spec` (and `apiVersion`/`kind` for literals and Pulumi). */
  props: ObjectLiteralExpression;
  apiVersion: string;
  kind: string;
}

/** Every Istio networking resource in `sf` the codemod recognises, in source order. */
export function findSites(sf: SourceFile): Site[] {
  const sites: Site[] = [];
  const claimed = new Set<Node>();
  sf.forEachDescendant((node) => {
    if (!Node.isNewExpression(node)) return;
    const site = newExpressionSite(node);
    if (site) {
      sites.push(site);
      claimed.add(site.props);
    }
  });
  sf.forEachDescendant((node) => {
    if (!Node.isObjectLiteralExpression(node) || claimed.has(node)) return;
    // A bare { apiVersion, kind } (such as the GVK constant of a cdk8s import class) is not a resource.
    const gvk = literalGvk(node);
    if (gvk && (node.getProperty('spec') || node.getProperty('metadata')))
      sites.push({ form: 'object', node, props: node, ...gvk });
  });
  return sites.sort((a, b) => a.node.getStart() - b.node.getStart());
}

/** `apiVersion: 'networking.istio.io/…'` and `kind` written as literals in `obj`. */
export function literalGvk(
  obj: ObjectLiteralExpression,
): { apiVersion: string; kind: string } | undefined {
  const apiVersion = stringProperty(obj, 'apiVersion');
  const kind = stringProperty(obj, 'kind');
  if (!apiVersion || !kind || !apiVersion.startsWith(`${ISTIO_GROUP}/`)) return undefined;
  if (!(ISTIO_KINDS as readonly string[]).includes(kind)) return undefined;
  return { apiVersion, kind };
}

function stringProperty(obj: ObjectLiteralExpression, name: string): string | undefined {
  const p = obj.getProperty(name);
  if (!p || !Node.isPropertyAssignment(p)) return undefined;
  const init = p.getInitializer();
  return init && Node.isStringLiteral(init)
    ? init.getLiteralValue()
    : init && Node.isNoSubstitutionTemplateLiteral(init)
      ? init.getLiteralValue()
      : undefined;
}

function newExpressionSite(node: NewExpression): Site | undefined {
  const callee = node.getExpression();
  const args = node.getArguments();
  // Pulumi: new k8s.apiextensions.CustomResource(name, { apiVersion, kind, metadata, spec }, opts?)
  if (
    Node.isPropertyAccessExpression(callee) &&
    callee.getName() === 'CustomResource' &&
    importedFrom(rootIdentifier(callee), node.getSourceFile(), (m) => m === '@pulumi/kubernetes')
  ) {
    const props = args[1];
    if (!props || !Node.isObjectLiteralExpression(props)) return undefined;
    const gvk = literalGvk(props);
    return gvk ? { form: 'pulumi', node, props, ...gvk } : undefined;
  }
  if (!Node.isIdentifier(callee)) return undefined;
  const spec = importSpecifierOf(callee.getText(), node.getSourceFile());
  if (!spec) return undefined;
  // @kubernetes-models/istio: new VirtualService({ metadata, spec }), the class names the apiVersion.
  const models =
    /^@kubernetes-models\/istio\/networking\.istio\.io\/(v1|v1beta1|v1alpha3)(?:\/(\w+))?$/.exec(
      spec.module,
    );
  if (models && (ISTIO_KINDS as readonly string[]).includes(spec.imported)) {
    const props = args[0];
    if (!props || !Node.isObjectLiteralExpression(props)) return undefined;
    return {
      form: 'kubernetes-models',
      node,
      props,
      apiVersion: `${ISTIO_GROUP}/${models[1]}`,
      kind: spec.imported,
    };
  }
  // cdk8s import: new VirtualService(scope, id, { metadata, spec }) from imports/networking.istio.io;
  // the unsuffixed class is the CRD's newest version (v1), the others carry theirs.
  const cdk8s = /^(Gateway|VirtualService|DestinationRule|ServiceEntry)(V1Beta1|V1Alpha3)?$/.exec(
    spec.imported,
  );
  if (cdk8s && /(^|\/)imports\/networking\.istio\.io(\.js)?$/.test(spec.module)) {
    const props = args[2];
    if (!props || !Node.isObjectLiteralExpression(props)) return undefined;
    const version = cdk8s[2] ? cdk8s[2].toLowerCase() : 'v1';
    if (!VERSIONS.includes(version)) return undefined;
    return { form: 'cdk8s', node, props, apiVersion: `${ISTIO_GROUP}/${version}`, kind: cdk8s[1]! };
  }
  return undefined;
}

function rootIdentifier(expr: Node): string | undefined {
  let e: Node = expr;
  while (Node.isPropertyAccessExpression(e)) e = e.getExpression();
  return Node.isIdentifier(e) ? e.getText() : undefined;
}

function importedFrom(
  local: string | undefined,
  sf: SourceFile,
  test: (module: string) => boolean,
): boolean {
  return local !== undefined && importSpecifierOf(local, sf, test) !== undefined;
}

interface ImportedName {
  module: string;
  /** The exported name (`Gateway` in `import { Gateway as IstioGateway }`); `*` for namespace imports. */
  imported: string;
}

/** The import that declares `local` in its file, if any. */
export function importSpecifierOf(
  local: string,
  sf: SourceFile,
  test?: (module: string) => boolean,
): ImportedName | undefined {
  for (const decl of sf.getImportDeclarations()) {
    const module = decl.getModuleSpecifierValue();
    if (test && !test(module)) continue;
    if (decl.getNamespaceImport()?.getText() === local) return { module, imported: '*' };
    if (decl.getDefaultImport()?.getText() === local) return { module, imported: 'default' };
    for (const n of decl.getNamedImports()) {
      const alias = n.getAliasNode()?.getText();
      if ((alias ?? n.getName()) === local) return { module, imported: n.getName() };
    }
  }
  return undefined;
}
