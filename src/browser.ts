// The library for a browser (package subpath `istio2gateway/browser`): the string-level API with
// no Node built-in anywhere on its import graph (test/browser-entry.test.ts bundles it for the
// browser and fails on any). Reading files (src/read), the CLI's text and SARIF reports and the
// codemod stay out; everything here works on strings and plain objects. The main entry
// (src/index.ts) is this plus the reports.
export { convert } from './convert.js';
export type {
  ConvertHooks,
  ConvertResult,
  FileEntry,
  FileOutput,
  KeptResource,
  ManifestInput,
  ResourceId,
} from './convert.js';
export { diff, rewriteInPlaceAll, unifiedDiff } from './diff.js';
export type { DiffOptions, DiffResult, FileChange, Rewrite, RewriteResult } from './diff.js';
export type { InputFile } from './parse/documents.js';
export { optionFields } from './options.js';
export type { ConvertOptions, OptionField, ResolvedOptions } from './options.js';
export type { Finding, FindingMeta, Severity, SourceRef, TargetRef } from './findings/finding.js';
export { CATALOG as FINDINGS } from './findings/catalog.js';
export { FINDING_IDS, type FindingId } from './findings/ids.gen.js';
export { findingPageUrl, projectUrlOf } from './findings/docs-url.js';
export type { Target, GatewayApiRelease, Channel, IstioVersion } from './target.js';
export {
  CHANNELS,
  DEFAULT_TARGET,
  FEATURES,
  GATEWAY_API_RELEASES,
  ISTIO_VERSIONS,
  describeTarget,
  supports,
} from './target.js';
export { toJson, toYaml } from './emit/manifests.js';
export type * from './gateway-api/types.js';
export { verify, changedRequests, describeOutcome, describeRequest } from './verify/index.js';
export type {
  Change,
  VerifyHooks,
  VerifyOptions,
  VerifyResult,
  RuleChange,
  RuleChangeOptions,
  Outcome as VerifyOutcome,
  Request as ProbeRequest,
} from './verify/index.js';
