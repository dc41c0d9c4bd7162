// The package as a user installs it: `npm pack`, installed offline into a fresh project, then
// used the five ways the README names. Also publint and arethetypeswrong on the tarball.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const SAMPLE = join(ROOT, 'samples/seed-01-httpbin/input.yaml');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

interface LockEntry {
  version?: string;
  resolved?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
}
const ownLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const ownManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

function appManifest() {
  return { name: 'app', private: true, dependencies: { istio2gateway: `file:${tarball}` } };
}

/** A lockfile for the app: the tarball plus this package's runtime dependencies, as locked here. */
function appLock() {
  const runtime = Object.entries(ownLock.packages).filter(
    ([k, v]) => k.startsWith('node_modules/') && !v.dev && !v.devOptional && !v.optional && !v.peer,
  );
  return {
    name: 'app',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': appManifest(),
      'node_modules/istio2gateway': {
        version: ownManifest.version,
        resolved: `file:${tarball}`,
        dependencies: ownManifest.dependencies,
        bin: {
          istio2gateway: 'bin/istio2gateway.js',
          'kubectl-istio2gateway': 'bin/istio2gateway.js',
        },
      },
      ...Object.fromEntries(runtime),
    },
  };
}

let work = '';
let project = '';
let tarball = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'i2g-pack-'));
  npm(['pack', '--silent', '--pack-destination', work], ROOT);
  tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz'))!,
  );
  project = join(work, 'app');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify(appManifest()));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(appLock()));
  // Offline: the registry is never asked. The lockfile pins every dependency to the tarball
  // this repository's own lockfile names, which `npm ci` put in npm's cache.
  npm(['ci', '--offline', '--no-audit', '--no-fund'], project);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const run = (file: string, args: string[], input?: string) =>
  spawnSync(file, args, { cwd: project, encoding: 'utf8', ...(input ? { input } : {}) });

describe('the packed tarball, installed offline', () => {
  it('runs the CLI and converts a sample', () => {
    const r = run(join(project, 'node_modules/.bin/istio2gateway'), ['convert', SAMPLE]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('kind: HTTPRoute');
  });

  it('runs as a kubectl plugin (kubectl-istio2gateway on the PATH)', () => {
    const r = run(join(project, 'node_modules/.bin/kubectl-istio2gateway'), ['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('is imported as ESM and required as CommonJS', () => {
    const esm = `import { convert, toYaml } from 'istio2gateway';
const r = convert([{ file: 'a.yaml', text: process.argv[1] }]);
console.log(toYaml(r.resources).includes('kind: HTTPRoute'));`;
    const cjs = `const { convert } = require('istio2gateway');
console.log(typeof convert);`;
    const text = readFileSync(SAMPLE, 'utf8');
    expect(run(process.execPath, ['--input-type=module', '-e', esm, text]).stdout.trim()).toBe(
      'true',
    );
    const required = run(process.execPath, ['-e', cjs]);
    expect(required.stderr).not.toContain('ERR_');
    expect(required.stdout.trim()).toBe('function');
  });

  it('loads neither the codemod nor the CRD validator for `import { convert }`', () => {
    const probe = `import { registerHooks } from 'node:module';
const loaded = [];
registerHooks({ resolve(s, c, next) { const r = next(s, c); loaded.push(r.url); return r; } });
await import('istio2gateway');
console.log(JSON.stringify(loaded));`;
    const r = run(process.execPath, ['--input-type=module', '-e', probe]);
    const urls = JSON.parse(r.stdout) as string[];
    expect(urls.some((u) => u.includes('/dist/index.js'))).toBe(true);
    expect(
      urls.filter((u) =>
        /ts-morph|typescript|\/codemod\/codemod|\/check\/crd\/|ajv|cel-js/.test(u),
      ),
    ).toEqual([]);
  });

  it('type-checks a TypeScript consumer against the shipped declarations', () => {
    writeFileSync(
      join(project, 'use.ts'),
      `import { convert, type ConvertResult, type Finding } from 'istio2gateway';
import { codemod } from 'istio2gateway/codemod';
import { verify } from 'istio2gateway/verify';
import { validateManifests } from 'istio2gateway/validate';
import * as browser from 'istio2gateway/browser';
const r: ConvertResult = convert([{ file: 'a.yaml', text: '' }], { gatewayApi: 'v1.5' });
const ids: string[] = r.findings.map((f: Finding) => f.id);
// resources is discriminated by kind: each case sees its own spec.
const hosts: string[] = r.resources.flatMap((o) => {
  switch (o.kind) {
    case 'HTTPRoute':
      return o.spec.hostnames ?? [];
    case 'Gateway':
      return o.spec.listeners.flatMap((l) => (l.hostname ? [l.hostname] : []));
    case 'Service':
      return (o.spec.ports ?? []).map((p) => String(p.port));
    default:
      return [];
  }
});
// @ts-expect-error not narrowed: a Gateway or a Service has no rules
void r.resources[0]?.spec.rules;
const fields: browser.OptionField[] = browser.optionFields();
export { ids, hosts, codemod, verify, validateManifests, fields };
`,
    );
    const tsconfig = {
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ['use.ts'],
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ ...appManifest(), type: 'module' }),
    );
    const tsc = run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});

describe('package lint', () => {
  it('publint finds no error or warning', async () => {
    const { publint } = await import('publint');
    const { messages } = await publint({ pkgDir: ROOT, level: 'warning', pack: 'npm' });
    expect(messages).toEqual([]);
  }, 120_000);

  it('arethetypeswrong finds no problem for an ESM-only package', () => {
    const bin = join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');
    const args = [bin, tarball, '--profile', 'esm-only', '--no-emoji', '--no-color'];
    const r = spawnSync(process.execPath, args, {
      encoding: 'utf8',
    });
    // esm-only: the node10 and node16-from-CJS resolutions are not judged. TypeScript's
    // node16 mode still calls require(esm) an error; Node >= 22.12 runs it (tested above).
    expect(r.stdout).toContain("ignoring resolutions: 'node10', 'node16-cjs'");
    expect(r.stdout).not.toMatch(/^(?!\(ignored)[^\n]*https:\/\/github.com\/arethetypeswrong/m);
    expect(r.status).toBe(0);
  }, 120_000);
});
