import { Document, Schema, type ScalarTag, type Tags } from 'yaml';

// Every YAML the tool writes (stdout, --out-dir, --write, diff) is rendered with these options.
//
// kubectl, Helm, kustomize and Argo CD read YAML 1.1 scalars (go-yaml v2 via sigs.k8s.io/yaml):
// plain `on`, `no`, `y`, `~`, `1_000`, `0b101`, `1:20`, `2001-12-14` are booleans, numbers, null
// or timestamps there, so a string with such text must be quoted. The `yaml` library's `compat`
// option quotes every string that the compat schema would read as something else, on top of the
// YAML 1.2 core schema's own rule; that is the union we need.

/**
 * Integers go-yaml reads beyond the YAML 1.1 schema: it calls Go's `strconv.ParseInt(s, 0, 64)`
 * with `_` removed, which takes the `0X`, `0o`, `0O`, `0B` prefixes too (resolve.go in
 * gopkg.in/yaml.v2 and sigs.k8s.io/yaml/goyaml.v2).
 */
const GO_INT: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  test: /^[-+]?0[xXoObB][0-9a-fA-F_]+$/,
  resolve: (s: string) => s,
};

const COMPAT: Tags = [...new Schema({ schema: 'yaml-1.1' }).tags, GO_INT];

/**
 * Characters the `yaml` library writes raw inside double quotes although YAML 1.1 readers
 * break lines on them (NEL, U+2028, U+2029) or refuse them (DEL and C1 controls, U+FFFE/F);
 * and line feeds: `yaml` 2.9 writes `" \n"` as a block scalar that reads back as `"\n"`.
 */
const RAW_UNSAFE = /[\n\u007f-\u009f\u2028\u2029\ufffe\uffff]/;

/** Strings holding such characters: one double-quoted line, JSON escapes plus `\uXXXX`. */
const ESCAPED_STRING: ScalarTag = {
  tag: 'tag:yaml.org,2002:str',
  default: true,
  identify: (v) => typeof v === 'string' && RAW_UNSAFE.test(v),
  resolve: (s: string) => s,
  stringify: (item) => {
    const json = JSON.stringify(String(item.value));
    return json.replace(
      /[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  },
};

/** Schema options of every written YAML document. */
export const YAML_SCHEMA = {
  compat: COMPAT,
  customTags: (tags: Tags) => [ESCAPED_STRING, ...tags],
};

/** No line folding, so output never depends on width. */
export const YAML_TO_STRING = { lineWidth: 0, minContentWidth: 0 } as const;

/** A document for `value`, with the schema every written YAML uses. */
export function yamlDocument(value: unknown): Document {
  return new Document(value, YAML_SCHEMA);
}

/** One YAML document's text (no `---`), read back the same by YAML 1.1 and 1.2 readers. */
export function renderYaml(value: unknown): string {
  return yamlDocument(value).toString(YAML_TO_STRING);
}
