// What each report shows: its chart (or table) and its summary as text, switched on the
// report id of the result.
import { h, type Child } from '../kit/dom.js';
import { heatChart, missedChart, stackedChart } from './charts.js';
import {
  heatGrid,
  hoursText,
  missedBars,
  num,
  stackedByAgent,
  text,
  type ReportResult,
} from './model.js';
import { rowsTable } from './table.js';
import { whitespaceView, type WhitespaceOptions } from './whitespace.js';

function list(
  items: readonly Record<string, unknown>[] | undefined,
  key: string,
  value: (item: Record<string, unknown>) => string,
): string {
  return (items ?? []).map((item) => `${text(item[key])} ${value(item)}`).join(' · ');
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];
}

function missedSection(report: ReportResult, width: number): Child[] {
  const s = report.summary;
  const month = text(s.month) || text(report.parameters.month);
  const teams = records(s.by_team);
  return [
    h('p', { class: 'rc-month' }, `Month: ${month}`),
    h(
      'p',
      { class: 'muted' },
      `${num(s.missed_tickets)} of ${num(s.tickets_handled)} tickets missed an SLA (${num(s.missed_percent)}%): ` +
        `${num(s.response_misses)} response, ${num(s.resolution_misses)} resolution.`,
    ),
    report.rows.length === 0
      ? h('p', { class: 'status status-empty' }, 'No technician handled tickets that month.')
      : h('div', { class: 'rc-scroll' }, missedChart(missedBars(report.rows), width)),
    h('p', null, `Unassigned tickets that missed an SLA: ${num(s.unassigned_missed)}`),
    teams.length > 0 &&
      h('p', null, `Missed per team: ${list(teams, 'team', (t) => String(num(t.missed_tickets)))}`),
  ];
}

function openSection(report: ReportResult, width: number): Child[] {
  const s = report.summary;
  const oldest = text(s.oldest_created_at);
  return [
    h(
      'p',
      { class: 'muted' },
      `${num(s.open_tickets)} open tickets`,
      oldest === '' ? '' : ` · oldest opened ${oldest.slice(0, 10)}`,
    ),
    report.rows.length === 0
      ? h('p', { class: 'status status-empty' }, 'No open tickets.')
      : h(
          'div',
          { class: 'rc-scroll' },
          heatChart(heatGrid(report.rows, report.parameters), width),
        ),
  ];
}

function timeSection(report: ReportResult, width: number): Child[] {
  const s = report.summary;
  return [
    h(
      'p',
      { class: 'muted' },
      `${text(s.from)} to ${text(s.to)} · ${hoursText(num(s.total_minutes))} by ${num(s.agents)} agent${num(s.agents) === 1 ? '' : 's'}`,
    ),
    report.rows.length === 0
      ? h('p', { class: 'status status-empty' }, 'No time logged in this range.')
      : h('div', { class: 'rc-scroll' }, stackedChart(stackedByAgent(report.rows), width)),
  ];
}

/**
 * The body of a report: the built-in reports' charts with their summaries, a table for any other.
 *
 * @example
 * replaceChildren(main, ...reportSection(report, { width: 640, whitespace }));
 */
export function reportSection(
  report: ReportResult,
  options: { width: number; whitespace: Omit<WhitespaceOptions, 'width'> },
): Child[] {
  switch (report.report) {
    case 'missed_sla_by_technician':
      return missedSection(report, options.width);
    case 'open_tickets_by_team_priority':
    case 'open_tickets_by_team':
      return openSection(report, options.width);
    case 'time_logged_per_agent_weekly':
    case 'time_logged_per_agent':
      return timeSection(report, options.width);
    case 'whitespace':
      return [whitespaceView(report, { ...options.whitespace, width: options.width })];
    default:
      return [
        report.rows.length === 0
          ? h('p', { class: 'status status-empty' }, 'No rows.')
          : rowsTable(report.rows),
      ];
  }
}
