import { Node, Project, type SourceFile, SyntaxKind } from 'ts-morph';
import type { NeededImport } from './code.js';
import type { CodeStyle } from './print.js';

/** A named import whose references the rewrite may have removed. */
export interface MaybeUnused {
  module: string;
  local: string;
}

/**
 * Settles the imports of a rewritten file: removes the named imports of `maybeUnused` nothing
 * refers to any more, then gives each needed import a local name (its own name unless the file
 * already uses it for something else) and adds it. Text outside the import lines is not touched.
 */
export function settleImports(
  text: string,
  fileName: string,
  maybeUnused: readonly MaybeUnused[],
  needed: readonly NeededImport[],
  style: CodeStyle,
): string {
  const project = new Project({ useInMemoryFileSystem: true });
  const sf = project.createSourceFile(
    `/rewrite${/\.[cm]?tsx?$/.exec(fileName)?.[0] ?? '.ts'}`,
    text,
  );
  const referenced = (local: string): boolean =>
    sf
      .getDescendantsOfKind(SyntaxKind.Identifier)
      .some(
        (id) => id.getText() === local && !id.getFirstAncestorByKind(SyntaxKind.ImportDeclaration),
      );
  for (const m of maybeUnused) {
    if (referenced(m.local)) continue;
    for (const decl of sf.getImportDeclarations()) {
      if (decl.getModuleSpecifierValue() !== m.module) continue;
      for (const n of decl.getNamedImports())
        if ((n.getAliasNode()?.getText() ?? n.getName()) === m.local) n.remove();
      if (!decl.getNamedImports().length && !decl.getDefaultImport() && !decl.getNamespaceImport())
        decl.remove();
    }
  }
  let out = sf.getFullText();
  if (!needed.length) return out;

  const taken = topLevelNames(sf);
  const locals = new Map<string, string>();
  const adds: { module: string; name: string; local: string }[] = [];
  for (const n of needed) {
    if (locals.has(n.placeholder)) continue;
    const existing = existingLocal(sf, n.module, n.name);
    let local = existing;
    if (!local) {
      local = n.name;
      for (let i = 1; taken.has(local); i++)
        local = `${i === 1 ? 'GatewayApi' : `GatewayApi${i}`}${n.name}`;
      taken.add(local);
      adds.push({ module: n.module, name: n.name, local });
    }
    locals.set(n.placeholder, local);
  }
  // Named imports go into an existing import of the module, else into a new import line after the last one.
  const byModule = new Map<string, { name: string; local: string }[]>();
  for (const a of adds) byModule.set(a.module, [...(byModule.get(a.module) ?? []), a]);
  for (const [module, names] of [...byModule].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const decl = sf
      .getImportDeclarations()
      .find(
        (d) => d.getModuleSpecifierValue() === module && !d.isTypeOnly() && !d.getNamespaceImport(),
      );
    const specs = names.map((n) => (n.local === n.name ? n.name : `${n.name} as ${n.local}`));
    if (decl) {
      for (const s of specs) decl.addNamedImport(s);
    } else {
      const line = `import { ${specs.join(', ')} } from ${style.quote}${module}${style.quote}${style.semicolons ? ';' : ''}`;
      const imports = sf.getImportDeclarations();
      const last = imports[imports.length - 1];
      if (last) sf.insertText(last.getEnd(), `\n${line}`);
      else sf.insertText(0, `${line}\n`);
    }
  }
  out = sf.getFullText();
  for (const [placeholder, local] of locals) out = out.split(placeholder).join(local);
  return out;
}

function existingLocal(sf: SourceFile, module: string, name: string): string | undefined {
  for (const decl of sf.getImportDeclarations()) {
    if (decl.getModuleSpecifierValue() !== module || decl.isTypeOnly()) continue;
    for (const n of decl.getNamedImports())
      if (n.getName() === name && !n.isTypeOnly()) return n.getAliasNode()?.getText() ?? name;
  }
  return undefined;
}

function topLevelNames(sf: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const decl of sf.getImportDeclarations()) {
    const def = decl.getDefaultImport();
    if (def) names.add(def.getText());
    const ns = decl.getNamespaceImport();
    if (ns) names.add(ns.getText());
    for (const n of decl.getNamedImports()) names.add(n.getAliasNode()?.getText() ?? n.getName());
  }
  for (const st of sf.getStatements()) {
    if (Node.isVariableStatement(st)) st.getDeclarations().forEach((d) => names.add(d.getName()));
    else if (
      Node.isFunctionDeclaration(st) ||
      Node.isClassDeclaration(st) ||
      Node.isEnumDeclaration(st) ||
      Node.isInterfaceDeclaration(st) ||
      Node.isTypeAliasDeclaration(st)
    ) {
      const n = st.getName();
      if (n) names.add(n);
    }
  }
  return names;
}
