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
export { diff } from './diff.js';
export type { DiffOptions, DiffResult, FileChange } from './diff.js';
export { formatPatch, formatReport, REPORT_FORMATS } from './report.js';
export type { ReportFormat, ReportOptions } from './report.js';
export type { SourceLinks } from './emit/report-markdown.js';
export { MARKDOWN_MARKER } from './emit/report-markdown.js';
export type { InputFile } from './parse/documents.js';
export type { ConvertOptions, ResolvedOptions } from './options.js';
export type { Finding, FindingMeta, Severity, SourceRef, TargetRef } from './findings/finding.js';
export { CATALOG as FINDINGS } from './findings/catalog.js';
export { FINDING_IDS, type FindingId } from './findings/ids.gen.js';
export type { Target, GatewayApiRelease, Channel, IstioVersion } from './target.js';
export { FEATURES, supports } from './target.js';
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
