import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isBeyondCrd, isModelled, validateOutput } from '../../src/check/builtin/validate.js';
import { loadCrds, type CrdSet } from '../../src/check/crd/load.js';
import { checkByBundledCrd } from '../../src/check/crd/gateway-api-crds.js';
import { inventoryRules, validateWithCrds } from '../../src/check/crd/validate.js';
import { validateManifests } from '../../src/check/manifests.js';
import { parseFile } from '../../src/parse/documents.js';
import { CHANNELS, type Channel, type GatewayApiRelease } from '../../src/target.js';
import { BEYOND_CRD, NULL_FIELD, target, TRICKY } from './tricky.js';

// Proves both validators against the upstream Gateway API CRDs and examples in ../shared
// (read in place, never copied). Skipped where ../shared is absent.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/crds/gateway-api');
const HAVE = existsSync(ROOT);
const BUNDLES: readonly [GatewayApiRelease, string][] = [
  ['v1.2', 'v1.2.1'],
  ['v1.3', 'v1.3.0'],
  ['v1.4', 'v1.4.1'],
  ['v1.5', 'v1.5.1'],
  ['v1.6', 'v1.6.1'],
];

const files = (d: string): string[] =>
  statSync(d).isDirectory()
    ? readdirSync(d)
        .sort()
        .flatMap((n) => files(join(d, n)))
    : [d];
const objectsOf = (f: string): Record<string, unknown>[] =>
  parseFile({ file: f, text: readFileSync(f, 'utf8') }).objects.map((o) => o.data);

const crdCache = new Map<string, CrdSet>();
function crds(bundle: string, ch: Channel): CrdSet {
  const key = `${bundle}/${ch}`;
  if (!crdCache.has(key)) crdCache.set(key, loadCrds(join(ROOT, bundle, ch)));
  return crdCache.get(key)!;
}

/** Invalid examples that an older release accepts, with why (everything else is rejected by all). */
const ACCEPTED_BY_OLDER: Record<string, (r: GatewayApiRelease) => boolean> = {
  // The visible-characters pattern on header values came with v1.5 (experimental only).
  'experimental/httproute/invalid-header-value.yaml': (r) => ['v1.2', 'v1.3', 'v1.4'].includes(r),
};

describe.skipIf(!HAVE)('CRD-driven validator against the upstream CRDs', () => {
  it('loads all 10 release × channel bundles, with no rule it cannot evaluate', () => {
    for (const [, bundle] of BUNDLES) {
      for (const ch of CHANNELS) {
        const set = crds(bundle, ch);
        expect(set.crds.length, `${bundle} ${ch}`).toBeGreaterThanOrEqual(5);
        const inv = inventoryRules(set);
        expect(inv.length).toBeGreaterThan(100);
        expect(
          inv.filter((r) => r.status === 'unchecked'),
          `${bundle} ${ch}`,
        ).toEqual([]);
      }
    }
  });

  for (const ch of CHANNELS) {
    const dir = join(ROOT, 'invalid-examples', ch);
    it(`rejects every ${ch} invalid example at v1.6.1, and the older releases reject those they define`, () => {
      const list = files(dir);
      expect(list.length).toBeGreaterThan(0);
      for (const f of list) {
        const rel = relative(join(ROOT, 'invalid-examples'), f);
        for (const [r, bundle] of BUNDLES) {
          const res = validateWithCrds(objectsOf(f), crds(bundle, ch));
          const accepted = ACCEPTED_BY_OLDER[rel]?.(r) ?? false;
          expect({ file: rel, release: r, rejected: res.violations.length > 0 }).toEqual({
            file: rel,
            release: r,
            rejected: !accepted,
          });
          expect(res.unchecked).toEqual([]);
        }
      }
    });

    it(`accepts every Gateway API object of the ${ch} valid examples at v1.6.1`, () => {
      let n = 0;
      for (const f of files(join(ROOT, 'valid-examples', ch))) {
        const res = validateWithCrds(objectsOf(f), crds('v1.6.1', ch));
        n += res.checked.length;
        expect({
          file: f,
          violations: res.violations.map((v) => `${v.path.join('.')}: ${v.message}`),
        }).toEqual({ file: f, violations: [] });
        expect(res.unchecked).toEqual([]);
      }
      expect(n).toBeGreaterThan(10);
    });
  }

  it('reports file:line for user manifests with --crds', () => {
    const f = join(ROOT, 'invalid-examples/standard/gateway/hostname-tcp.yaml');
    const fs = validateManifests([{ file: f, text: readFileSync(f, 'utf8') }], {
      crds: crds('v1.6.1', 'standard'),
    });
    expect(fs.length).toBeGreaterThan(0);
    expect(fs.every((x) => x.id === 'invalid-manifest' && (x.source?.line ?? 0) > 1)).toBe(true);
  });
});

describe.skipIf(!HAVE)('built-in validator agrees with the CRDs', () => {
  for (const [r, bundle] of BUNDLES) {
    for (const ch of CHANNELS) {
      it(`on every invalid and valid example, ${r} ${ch}`, () => {
        const disagree: string[] = [];
        for (const f of [
          ...files(join(ROOT, 'invalid-examples', ch)),
          ...files(join(ROOT, 'valid-examples', ch)),
        ]) {
          const objs = objectsOf(f);
          const c = validateWithCrds(objs, crds(bundle, ch));
          const b = validateOutput(objs, target(r, ch), checkByBundledCrd).filter(
            (v) => !isBeyondCrd(v),
          );
          objs.forEach((o, i) => {
            if (!isModelled(o)) return;
            const crdOk = !c.violations.some((v) => v.object.index === i);
            const builtinOk = !b.some((v) => v.object.index === i);
            if (crdOk !== builtinOk)
              disagree.push(
                `${relative(ROOT, f)}#${i}: crd ${crdOk ? 'accepts' : 'rejects'}, built-in ${builtinOk ? 'accepts' : 'rejects'}`,
              );
          });
        }
        expect(disagree).toEqual([]);
      });

      it(`on the tricky objects, ${r} ${ch}`, () => {
        for (const c of TRICKY) {
          const res = validateWithCrds([c.object], crds(bundle, ch));
          expect({
            case: c.name,
            valid: res.violations.length === 0,
            why: res.violations.map((v) => v.message),
          }).toMatchObject({ case: c.name, valid: c.valid(target(r, ch)) });
          expect(res.unchecked).toEqual([]);
        }
      });
    }
  }

  it('drops null fields before defaulting, as the API server does', () => {
    expect(validateWithCrds([NULL_FIELD], crds('v1.6.1', 'standard')).violations).toEqual([]);
  });

  it('the rules no CRD checks are accepted by the CRDs (so they are reported by the built-in validator only)', () => {
    for (const c of BEYOND_CRD)
      expect(validateWithCrds([c.object], crds('v1.6.1', 'standard')).violations, c.name).toEqual(
        [],
      );
  });
});
