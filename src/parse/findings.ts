import type { FindingMeta } from '../findings/finding.js';

/** Findings of reading and parsing input. `unreadable` ones make the exit code 2. */
export const READ_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'file-unreadable',
    severity: 'error',
    unreadable: true,
    title: 'The file or directory could not be read.',
  },
  {
    id: 'file-too-large',
    severity: 'error',
    unreadable: true,
    title: 'The file is larger than the size limit and was not read.',
  },
  {
    id: 'binary-file',
    severity: 'error',
    unreadable: true,
    title: 'The file is not text (it holds NUL bytes or invalid UTF-8).',
  },
  {
    id: 'helm-chart',
    severity: 'warning',
    title:
      'A Helm chart: its templates are not manifests until rendered, so it is not read; render it and convert the output.',
  },
  { id: 'empty-file', severity: 'warning', title: 'The file holds no documents.' },
  {
    id: 'shell-heredoc-read',
    severity: 'info',
    title:
      'The file is a shell script or Markdown page, not YAML: the manifests of its kubectl here-documents (`kubectl apply -f - <<EOF`) are read, its other lines ignored.',
  },
  {
    id: 'yaml-syntax',
    severity: 'error',
    unreadable: true,
    title: 'The YAML or JSON is not well-formed (syntax error, duplicate key, too many aliases).',
  },
  {
    id: 'missing-kind',
    severity: 'error',
    unreadable: true,
    title: 'A document has no `apiVersion` or `kind`, or is not a mapping.',
  },
  {
    id: 'duplicate-resource',
    severity: 'warning',
    title:
      'The same resource (kind, namespace, name) appears twice; as with kubectl apply, the later definition is converted and the earlier one left out.',
  },
  {
    id: 'unknown-field',
    severity: 'warning',
    title:
      'A field that the Istio schema does not know (misspelled or mis-indented); it is ignored, as the API server would reject it.',
  },
  {
    id: 'invalid-field',
    severity: 'error',
    title: 'A field has the wrong type or value for the Istio schema; the resource is skipped.',
  },
  {
    id: 'unrendered-placeholder',
    severity: 'error',
    title:
      'A host or name holds a template placeholder (`$(VAR)`, `${VAR}`, `{{ .Values.x }}`): the file is a template, not a manifest; the resource is passed through unconverted.',
  },
  {
    id: 'unsupported-api-version',
    severity: 'warning',
    title:
      'An Istio networking kind in an apiVersion other than v1, v1beta1 or v1alpha3; passed through untouched.',
  },
];
