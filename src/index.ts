// The library: everything of the browser entry (src/browser.ts), and the reports in the CLI's
// formats, whose text and SARIF writers use Node (colours, hashes, the findings' pages on disk).
export * from './browser.js';
export { formatPatch, formatReport, REPORT_FORMATS } from './report.js';
export type { ReportFormat, ReportOptions } from './report.js';
export type { SourceLinks } from './emit/report-markdown.js';
export { MARKDOWN_MARKER } from './emit/report-markdown.js';
