import { definePlugin, ServiceDeskError, type PluginDefinition } from '../../core/index.js';
import { builtInReports } from './built-in/built-in-reports.js';
import type { AnyReportDefinition } from './define-report.js';
import { deskStoreRef } from '../desk/api.js';
import { checkReports, checkReportScopes } from './report-checks.js';
import { provideReportsExtension } from './report-extension.js';
import { reportsReadScope, reportTool } from './report-tool.js';

// What other plugins may import too; configs and examples import it from here.
export * from './api.js';
export { builtInReports } from './built-in/built-in-reports.js';
export { missedSlaByTechnicianReport } from './built-in/missed-sla-by-technician.js';
export { openTicketsByTeamReport } from './built-in/open-tickets-by-team.js';
export { timeLoggedPerAgentReport } from './built-in/time-logged-per-agent.js';
export { whitespaceReport } from './built-in/whitespace.js';

/**
 * Options of {@link reportsPlugin}.
 *
 * @example
 * reportsPlugin({ include: ['whitespace'], reports: [teamSizesReport] })
 */
export interface ReportsPluginOptions {
  /** The deployment's own reports, made with `defineReport`, served after the built-in ones. */
  readonly reports?: readonly AnyReportDefinition[];
  /** Which built-in reports to serve, by id; all four when left out, none for `[]`. */
  readonly include?: readonly string[];
  /** The report clock ("this month", "the last four weeks"); the system clock by default. */
  readonly now?: () => Date;
}

function includedBuiltIns(include: readonly string[] | undefined): AnyReportDefinition[] {
  if (include === undefined) return [...builtInReports];
  const known = builtInReports.map((report) => report.id);
  const unknown = include.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `plugin "reports": include names ${unknown.map((id) => `"${id}"`).join(', ')}, which is not a built-in report; use some of: ${known.join(', ')}`,
    );
  }
  return builtInReports.filter((report) => include.includes(report.id));
}

/**
 * Reports (DESIGN §7): named, parameterised, read-only queries written with Kysely, each served
 * as the tool `get_report_<id>` with `readOnlyHint`, a page of rows and a summary over the whole
 * result. Ships missed SLAs by technician, open tickets by team and priority, time logged per
 * agent per week and the whitespace report; a deployment adds its own with `defineReport`.
 * Every report tool needs `reports:read:all`, which the default role policy keeps from end users.
 * Other plugins add their own reports through {@link reportsExtensionPoint}, gated by their own
 * scopes instead.
 *
 * @example
 * defineConfig({
 *   plugins: [deskPlugin(), reportsPlugin()],
 *   collections: [defineCollection({ id: 'agent', title: 'Agent Functions', plugins: ['reports'],
 *     grant: ['reports:read:all', 'tickets:read:all', 'catalogue:read', 'users:read:all'], roles: ['agent', 'admin'] })],
 * })
 */
export function reportsPlugin(options: ReportsPluginOptions = {}): PluginDefinition {
  const reports = [...includedBuiltIns(options.include), ...(options.reports ?? [])];
  checkReports(reports);
  checkReportScopes(reports, [reportsReadScope]);
  const now = options.now ?? (() => new Date());
  return definePlugin({
    id: 'reports',
    version: '0.1.0',
    description: 'Read-only reports on the desk: SLAs, backlog, time logged, whitespace.',
    requires: ['desk'],
    scopes: {
      [reportsReadScope]:
        'Run desk-wide reports: SLA misses per agent, the open backlog, time logged, and which services each customer has',
    },
    setup(ctx) {
      const deps = Object.freeze({ desk: ctx.services.get(deskStoreRef), now });
      for (const report of reports) ctx.addTool(reportTool(report, deps));
      provideReportsExtension(ctx, { configured: reports, deps });
    },
  });
}
