/**
 * What other plugins may import from the reports plugin (they list `reports` in `requires`):
 * the extension point through which they add reports, and how to write one.
 *
 * @example
 * import { defineReport, reportsExtensionPoint } from '../reports/api.js';
 */
export { reportsExtensionPoint, type ReportsExtension } from './report-extension.js';
export {
  defineReport,
  type ReportSpec,
  type ReportDefinition,
  type ReportContext,
  type ReportResult,
  type AnyReportDefinition,
  type NoSummary,
} from './define-report.js';
export { reportToolName } from './report-checks.js';
export { reportsReadScope, reportPageLimits } from './report-tool.js';
