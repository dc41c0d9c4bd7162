import { describe, expect, it } from 'vitest';
import { evaluateRule, isTransitionRule, rewriteRule } from '../../src/check/crd/cel.js';
import { toCelValue, toJsonSchema, celFieldName } from '../../src/check/crd/schema.js';
import { isIP, isIPv4, isIPv6 } from '../../src/check/ip.js';
import { re2ToRegExp } from '../../src/check/re2.js';

describe('Kubernetes CEL environment', () => {
  it.each([
    ['self.all(h, !isIP(h))', ['a.example.com'], 'pass'],
    ['self.all(h, !isIP(h))', ['10.0.0.1'], 'fail'],
    ['self.matches(r"""^(?i)\\.?[a-z_]+$""")', 'Foo', 'pass'],
    ['size(self) == 0 || format.dns1123Label().validate(self) == null', 'ok-label', 'pass'],
    ['size(self) == 0 || format.dns1123Label().validate(self) == null', 'Not_OK', 'fail'],
    [
      '(self.size() > 0 ? (has(self[0].matches) ? self[0].matches.size() : 0) : 0) <= 1',
      [{ matches: [1, 2] }],
      'fail',
    ],
    [
      '(self.size() > 0 ? (has(self[0].matches) ? self[0].matches.size() : 0) : 0) <= 1',
      [{}],
      'pass',
    ],
    ['self.a > 0', {}, 'fail'],
    [
      'self.mode == "T" ? size(self.refs) > 0 || size(self.options) > 0 : true',
      { mode: 'T', options: { a: 'b' } },
      'pass',
    ],
    ['unknownFn(self)', 1, 'unchecked'],
    ['self ==', 1, 'unchecked'],
  ] as const)('%s on case %# is %s', (rule, self, status) => {
    expect(evaluateRule(rule, self).status).toBe(status);
  });

  it('rewrites matches and indexed has() outside strings only', () => {
    expect(rewriteRule('has(self[0].m) && self.x.matches("has(a[0].b)")')).toBe(
      'k8sHas(self[0], "m") && self.x.k8sMatches("has(a[0].b)")',
    );
    expect(rewriteRule('has(self.a.b)')).toBe('has(self.a.b)');
  });

  it('knows transition rules', () => {
    expect(isTransitionRule('self == oldSelf')).toBe(true);
    expect(isTransitionRule('self.oldSelfish == 1')).toBe(false);
  });
});

describe('structural schema helpers', () => {
  it('escapes CEL reserved and special field names', () => {
    expect(celFieldName('namespace')).toBe('__namespace__');
    expect(celFieldName('a-b.c')).toBe('a__dash__b__dot__c');
    expect(celFieldName('a b')).toBeUndefined();
  });
  it('binds integers as CEL ints and escapes object fields but not map keys', () => {
    const schema = {
      type: 'object' as const,
      properties: {
        namespace: { type: 'string' as const },
        port: { type: 'integer' as const },
        labels: { type: 'object' as const, additionalProperties: { type: 'string' as const } },
      },
    };
    expect(toCelValue({ namespace: 'a', port: 80, labels: { namespace: 'x' } }, schema)).toEqual({
      __namespace__: 'a',
      port: 80n,
      labels: { namespace: 'x' },
    });
  });
  it('rejects unknown fields where the schema lists properties, and reads nullable and int-or-string', () => {
    expect(
      toJsonSchema({
        type: 'object',
        properties: {
          a: { type: 'string', nullable: true },
          b: { 'x-kubernetes-int-or-string': true },
        },
      }),
    ).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: { a: { type: ['string', 'null'] }, b: { type: ['integer', 'string'] } },
    });
    expect(
      toJsonSchema({
        type: 'object',
        properties: { a: { type: 'string' } },
        'x-kubernetes-preserve-unknown-fields': true,
      }),
    ).not.toHaveProperty('additionalProperties');
  });
});

describe('IP addresses and RE2', () => {
  it.each(['1.2.3.4', '::1', '2001:db8::1', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8'])(
    '%s is an IP',
    (s) => expect(isIP(s)).toBe(true),
  );
  it.each([
    '1.2.3',
    '01.2.3.4',
    '256.1.1.1',
    '1:2:3:4:5:6:7:8:9',
    ':::1',
    'fe80::1%eth0',
    '2001:db8:3c4d:15:0:d234:3eee:',
    'a.example.com',
  ])('%s is not an IP', (s) => expect(isIP(s)).toBe(false));
  it('separates v4 and v6', () => {
    expect(isIPv4('::1')).toBe(false);
    expect(isIPv6('1.2.3.4')).toBe(false);
  });
  it('reads a leading RE2 flag group', () => {
    expect(re2ToRegExp('^(?i)abc$').test('ABC')).toBe(true);
    expect(re2ToRegExp('^abc$').test('ABC')).toBe(false);
  });
});
