import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codemodPaths } from '../../src/codemod/paths.js';

// The classes of a `cdk8s import`ed imports/gateway.networking.k8s.io are only a typed way to
// write the same manifests: the chart must synthesize exactly what the ApiObject output does.
const SAMPLE = new URL('../../samples/codemod/cdk8s-gateway-imports/', import.meta.url).pathname;
const MODULE = 'imports/gateway.networking.k8s.io.ts';
// The codemod skips node_modules, so it runs in a temporary directory; the charts are then run
// from under the repository's node_modules, so that they resolve `cdk8s`.
const TMP = mkdtempSync(join(tmpdir(), 'i2g-cdk8s-imports-'));
const CACHE = new URL('../../node_modules/.cache/', import.meta.url).pathname;
mkdirSync(CACHE, { recursive: true });
const RUN = mkdtempSync(join(CACHE, 'i2g-cdk8s-imports-'));
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  rmSync(RUN, { recursive: true, force: true });
});

function rewrite(name: string, withModule: boolean): string {
  const dir = join(TMP, name);
  cpSync(join(SAMPLE, 'input'), dir, { recursive: true });
  if (!withModule) rmSync(join(dir, MODULE));
  const r = codemodPaths([dir], { root: dir });
  for (const c of r.changes) {
    mkdirSync(dirname(c.path), { recursive: true });
    writeFileSync(c.path, c.after);
  }
  return dir;
}

async function synth(written: string): Promise<unknown[]> {
  const dir = join(RUN, written.split('/').pop()!);
  cpSync(written, dir, { recursive: true });
  const { Testing } = await import('cdk8s');
  const { Ingress } = (await import(join(dir, 'main.ts'))) as {
    Ingress: new (s: unknown, id: string) => unknown;
  };
  const { Routes } = (await import(join(dir, 'charts/routes.ts'))) as {
    Routes: new (s: unknown, id: string) => unknown;
  };
  const app = Testing.app();
  return [
    Testing.synth(new Ingress(app, 'ingress') as never),
    Testing.synth(new Routes(app, 'routes') as never),
  ];
}

describe('codemod cdk8s output with imports/gateway.networking.k8s.io', () => {
  it('synthesizes exactly the manifests of the ApiObject output', async () => {
    const typed = rewrite('typed', true);
    const plain = rewrite('plain', false);
    const typedRoutes = readFileSync(join(typed, 'charts/routes.ts'), 'utf8');
    expect(typedRoutes).toContain('new HttpRoute(this, ');
    expect(typedRoutes).toContain('HttpRouteSpecRulesMatchesPathType.PATH_PREFIX');
    expect(readFileSync(join(plain, 'charts/routes.ts'), 'utf8')).not.toMatch(
      /HttpRoute|from '.*gateway\.networking/,
    );
    const [a, b] = [await synth(typed), await synth(plain)];
    expect(a).toEqual(b);
    // Not vacuous: the Gateway, its redirect HTTPRoute, the HTTPRoute and two ReferenceGrants.
    expect((a as { kind: string }[][]).flat().map((o) => o.kind)).toEqual([
      'Gateway',
      'HTTPRoute',
      'HTTPRoute',
      'ReferenceGrant',
      'ReferenceGrant',
    ]);
  });

  it('finds the module beside the Istio one when it is not among the files given', () => {
    const input = join(SAMPLE, 'input');
    const r = codemodPaths([join(input, 'main.ts'), join(input, 'charts/routes.ts')], {
      root: input,
    });
    expect(r.changes.map((c) => c.file)).toEqual(['charts/routes.ts', 'main.ts']);
    for (const c of r.changes)
      expect(c.after, c.file).toBe(readFileSync(join(SAMPLE, 'expected', c.file), 'utf8'));
  });
});
