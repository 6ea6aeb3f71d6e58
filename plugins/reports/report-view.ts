import { bundledViewHtml, defineView } from '../../core/index.js';

/**
 * The report charts (MCP Apps) for every `get_report_<id>` tool: a bar chart, heat map, stacked
 * bars or matrix for the built-in reports, a table for any other; on the whitespace matrix, a
 * "log opportunity" action for each gap.
 *
 * @example
 * defineTool({ ..., ui: { view: reportChartsView } })
 */
export const reportChartsView = defineView({
  uri: 'ui://servicedesk/report-charts',
  name: 'report-charts',
  title: 'Report charts',
  description:
    'The report as a chart, with its rows and summary; gaps in the whitespace matrix can be logged as opportunities.',
  html: () => bundledViewHtml('report-charts'),
  actions: ['log_opportunity'],
});
