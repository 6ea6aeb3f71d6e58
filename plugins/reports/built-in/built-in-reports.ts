import type { AnyReportDefinition } from '../define-report.js';
import { missedSlaByTechnicianReport } from './missed-sla-by-technician.js';
import { openTicketsByTeamReport } from './open-tickets-by-team.js';
import { timeLoggedPerAgentReport } from './time-logged-per-agent.js';
import { whitespaceReport } from './whitespace.js';

/**
 * The reports `reportsPlugin()` serves by default, in the order `tools/list` shows them.
 *
 * @example
 * builtInReports.map((report) => report.id) // ['missed_sla_by_technician', ...]
 */
export const builtInReports: readonly AnyReportDefinition[] = Object.freeze([
  missedSlaByTechnicianReport,
  openTicketsByTeamReport,
  timeLoggedPerAgentReport,
  whitespaceReport,
]);
