// Kubernetes reads `pattern` and CEL `matches` as Go RE2 syntax; JavaScript's RegExp differs
// in a few forms that the Gateway API CRDs use.

/**
 * RE2 (what Kubernetes' `matches` uses) to a JavaScript RegExp. Handles the forms the CRDs
 * use: a global flag group like `(?i)`, `\A`, `\z`, `(?P<name>`.
 */
export function re2ToRegExp(pattern: string): RegExp {
  let flags = '';
  let src = pattern;
  const lead = /^(\^?)\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    flags = [...new Set(lead[2]!.replace('U', '').split(''))].join('');
    src = lead[1] + src.slice(lead[0].length);
  }
  src = src
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    .replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(src, flags + 'u');
  } catch {
    return new RegExp(src, flags);
  }
}
