import {
  defineExtensionPoint,
  type ExtensionPoint,
  type PluginSetupContext,
} from '../../core/index.js';
import type { AnyReportDefinition } from './define-report.js';
import { reportProblem } from './report-checks.js';
import { reportTool, type ReportToolDeps } from './report-tool.js';

/**
 * What a plugin that requires `reports` may do in its setup: add its own reports.
 *
 * @example
 * ctx.extensionPoint(reportsExtensionPoint).addReport(pagesPerTeamReport);
 */
export interface ReportsExtension {
  /**
   * Serves `report` as `get_report_<id>`, a tool of the contributing plugin: collections that
   * list that plugin serve it, and it needs only the report's own `scopes` — at least one, each
   * defined by the contributing plugin or one it requires. Throws PLUGIN_CONTRIBUTION_INVALID
   * for an id already taken, a report without scopes or a report the plugin's rules refuse.
   */
  addReport(report: AnyReportDefinition): void;
}

/**
 * The extension point through which plugins add reports, gated by their own scopes.
 *
 * @example
 * setup(ctx) { ctx.extensionPoint(reportsExtensionPoint).addReport(pagesPerTeamReport); }
 */
export const reportsExtensionPoint: ExtensionPoint<ReportsExtension> =
  defineExtensionPoint<ReportsExtension>('reports.reports');

/**
 * Provides {@link reportsExtensionPoint} in the reports plugin's setup; `configured` are the
 * reports the plugin serves itself, whose ids contributions may not take.
 *
 * @example
 * provideReportsExtension(ctx, { configured: reports, deps });
 */
export function provideReportsExtension(
  ctx: PluginSetupContext,
  options: { readonly configured: readonly AnyReportDefinition[]; readonly deps: ReportToolDeps },
): void {
  // Every report id served, configured or contributed, with the plugin that serves it.
  const owners = new Map(options.configured.map((report) => [report.id, 'reports']));
  ctx.provideExtensionPoint(reportsExtensionPoint, (contributor) => ({
    addReport(report) {
      const refuse = (rule: string): never => {
        throw contributor.contributionError('a report', rule);
      };
      const owner = owners.get(report.id);
      if (owner !== undefined)
        refuse(
          `report id "${report.id}" is already served by plugin "${owner}"; give it an id of its own`,
        );
      const problem = reportProblem(report, new Set(owners.keys()));
      if (problem !== undefined) refuse(problem);
      if (report.scopes.length === 0)
        refuse(
          `report "${report.id}" names no scopes; give it scopes plugin "${contributor.pluginId}" defines, so only those who may read its data run it`,
        );
      owners.set(report.id, contributor.pluginId);
      contributor.addTool(reportTool(report, options.deps, 'own'));
    },
  }));
}
