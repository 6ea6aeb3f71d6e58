import { ServiceDeskError } from '../../core/index.js';
import { deskScopes } from '../desk/api.js';
import type { AnyReportDefinition } from './define-report.js';

/**
 * The prefix of every report tool's name.
 *
 * @example
 * `${reportToolPrefix}whitespace` // 'get_report_whitespace'
 */
export const reportToolPrefix = 'get_report_';

/**
 * Arguments every report tool has; a report's own parameters may not take these names.
 *
 * @example
 * pagingArguments.includes('limit') // true
 */
export const pagingArguments: readonly string[] = Object.freeze(['limit', 'cursor']);

const snakeCase = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const longestId = 64 - reportToolPrefix.length;

function invalid(rule: string): ServiceDeskError {
  return new ServiceDeskError('CONFIG_INVALID', `plugin "reports": ${rule}`);
}

/**
 * The tool name of report `id`.
 *
 * @example
 * reportToolName('whitespace') // 'get_report_whitespace'
 */
export function reportToolName(id: string): string {
  return `${reportToolPrefix}${id}`;
}

/**
 * What is wrong with `report` among the ids already `seen` (which it joins when right), or
 * undefined: its id snake_case and short enough for its tool name (at most 64 characters of
 * `[A-Za-z0-9_-]`), not taken, no parameter named like a paging argument.
 *
 * @example
 * reportProblem(myReport, new Set(['whitespace'])) // undefined, or the rule it breaks
 */
export function reportProblem(report: AnyReportDefinition, seen: Set<string>): string | undefined {
  const id: unknown = report.id;
  if (typeof id !== 'string' || !snakeCase.test(id)) {
    return `report id ${JSON.stringify(id)} must be snake_case (lower-case letters, digits and single underscores, starting with a letter), e.g. "open_tickets_by_team"`;
  }
  if (id.length > longestId) {
    return `report id "${id}" is ${id.length} characters; at most ${longestId}, so that the tool name ${reportToolPrefix}<id> is at most 64`;
  }
  if (seen.has(id)) return `report id "${id}" is defined twice; give each report its own id`;
  const clash = pagingArguments.find((name) => name in report.parameters.shape);
  if (clash !== undefined) {
    return `report "${id}" has a parameter "${clash}", a name the plugin uses for paging (${pagingArguments.join(', ')}); rename it`;
  }
  seen.add(id);
  return undefined;
}

/**
 * Checks the reports a deployment serves, at startup, with {@link reportProblem}'s rules.
 * Throws CONFIG_INVALID naming the plugin and the rule.
 *
 * @example
 * checkReports([...builtInReports, myReport]);
 */
export function checkReports(reports: readonly AnyReportDefinition[]): void {
  const seen = new Set<string>();
  for (const report of reports) {
    const problem = reportProblem(report, seen);
    if (problem !== undefined) throw invalid(problem);
  }
}

/**
 * Checks each report's scopes when the plugin is built: a report tool belongs to the reports
 * plugin, which requires only the desk, so a report may need only the desk's scopes and the
 * plugin's own (`ownScopes`). Throws SCOPE_UNDEFINED naming the report, the scope and the plugin
 * that can define its scopes, rather than the core's later advice to edit the reports plugin.
 *
 * @example
 * checkReportScopes([...builtInReports, myReport], ['reports:read:all']);
 */
export function checkReportScopes(
  reports: readonly AnyReportDefinition[],
  ownScopes: readonly string[],
): void {
  const usable = new Set([...Object.keys(deskScopes), ...ownScopes]);
  for (const report of reports) {
    const scope = report.scopes.find((needed) => !usable.has(needed));
    if (scope === undefined) continue;
    throw new ServiceDeskError(
      'SCOPE_UNDEFINED',
      `plugin "reports": report "${report.id}" needs scope "${scope}", which plugin "reports" cannot use: ` +
        `a report's scopes are defined by plugin "desk", the one plugin reports requires ` +
        `(${Object.keys(deskScopes).join(', ')}), or by reports itself (${ownScopes.join(', ')}). ` +
        `Fix the spelling, or serve this data as a tool of the plugin that defines "${scope}"`,
    );
  }
}
