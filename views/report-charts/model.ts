// Report results as chart models: pure functions from a get_report_<id> result to what the
// charts draw, kept apart from the DOM so they can be tested in node.
import { unfence } from '../kit/untrusted.js';

/** The page block of a report result (plugins/reports/report-tool.ts). */
export interface ReportPage {
  offset: number;
  limit: number;
  returned: number;
  total: number;
  nextCursor: string | null;
}

/** A report tool's structured content: `{ report, title, parameters, rows, summary, page }`. */
export interface ReportResult {
  report: string;
  title: string;
  parameters: Record<string, unknown>;
  rows: Record<string, unknown>[];
  summary: Record<string, unknown>;
  page: ReportPage;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A number from a row value; anything else counts as 0 (a chart never draws NaN).
 *
 * @example
 * num(3) // 3
 * num('x') // 0
 */
export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * A label from a row value: strings as people wrote them (without the server's untrusted-text
 * fence, which is for models), numbers and booleans as text, else ''.
 *
 * @example
 * text(4) // '4'
 */
export function text(value: unknown): string {
  if (typeof value === 'string') return unfence(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/**
 * Reads a report tool's structured content; undefined when it is not one.
 *
 * @example
 * const report = readReport(result.structuredContent);
 * if (report) draw(report);
 */
export function readReport(content: unknown): ReportResult | undefined {
  if (!isRecord(content) || typeof content.report !== 'string' || !Array.isArray(content.rows))
    return undefined;
  const page = isRecord(content.page) ? content.page : {};
  const rows = content.rows.filter(isRecord);
  return {
    report: content.report,
    title: text(content.title) || content.report,
    parameters: isRecord(content.parameters) ? content.parameters : {},
    rows,
    summary: isRecord(content.summary) ? content.summary : {},
    page: {
      offset: num(page.offset),
      limit: num(page.limit),
      returned: num(page.returned),
      total: typeof page.total === 'number' ? page.total : rows.length,
      nextCursor: typeof page.nextCursor === 'string' ? page.nextCursor : null,
    },
  };
}

/**
 * The report after its next page: rows appended, the newer page block; the summary, which covers
 * the whole result, stays.
 *
 * @example
 * state.report = mergePages(state.report, readReport(next.structuredContent)!);
 */
export function mergePages(first: ReportResult, next: ReportResult): ReportResult {
  return { ...first, rows: [...first.rows, ...next.rows], page: next.page };
}

/** One technician's bar: tickets handled, how many missed an SLA, and the share. */
export interface MissedBar {
  label: string;
  handled: number;
  missed: number;
  percent: number;
}

/**
 * Bars of the missed-SLA report, most missed first (the server's order is kept on ties).
 *
 * @example
 * missedBars([{ agent_name: 'Sam', tickets_handled: 10, missed_tickets: 2, missed_percent: 20 }])
 * // [{ label: 'Sam', handled: 10, missed: 2, percent: 20 }]
 */
export function missedBars(rows: readonly Record<string, unknown>[]): MissedBar[] {
  return rows
    .map((row) => ({
      label: text(row.agent_name) || text(row.agent_email) || `#${text(row.agent_id)}`,
      handled: num(row.tickets_handled),
      missed: num(row.missed_tickets),
      percent: num(row.missed_percent),
    }))
    .sort((a, b) => b.missed - a.missed);
}

/** A grid of counts: row labels × column labels, `values[row][column]`. */
export interface HeatGrid {
  rows: string[];
  columns: number[];
  values: number[][];
  max: number;
}

/**
 * The team × priority grid of open tickets; every priority 1–4 is a column (a filtered report
 * keeps only those asked for), and a cell with no row is 0.
 *
 * @example
 * heatGrid([{ team_name: 'Network', priority: 1, open_tickets: 3 }], {}).values // [[3, 0, 0, 0]]
 */
export function heatGrid(
  rows: readonly Record<string, unknown>[],
  parameters: Record<string, unknown>,
): HeatGrid {
  const asked = Array.isArray(parameters.priorities)
    ? parameters.priorities.filter((p): p is number => typeof p === 'number')
    : [];
  const columns = asked.length > 0 ? [...new Set(asked)].sort() : [1, 2, 3, 4];
  for (const row of rows) if (!columns.includes(num(row.priority))) columns.push(num(row.priority));
  columns.sort((a, b) => a - b);
  const teams: string[] = [];
  for (const row of rows) {
    const team = text(row.team_name) || text(row.team);
    if (!teams.includes(team)) teams.push(team);
  }
  const values = teams.map(() => columns.map(() => 0));
  for (const row of rows) {
    const r = teams.indexOf(text(row.team_name) || text(row.team));
    const c = columns.indexOf(num(row.priority));
    const line = values[r];
    if (line && c >= 0) line[c] = (line[c] ?? 0) + num(row.open_tickets);
  }
  return { rows: teams, columns, values, max: Math.max(0, ...values.flat()) };
}

/** One agent's bar: minutes per week (in `weeks` order) and the total. */
export interface StackedBar {
  label: string;
  total: number;
  segments: { week: string; minutes: number }[];
}

/** Agents' bars stacked by week. */
export interface StackedModel {
  weeks: string[];
  bars: StackedBar[];
  max: number;
}

/**
 * Time logged as one bar per agent stacked by week (oldest week first), most minutes first.
 * Per agent, because agents are the readable axis (names sit beside horizontal bars on a phone)
 * and weeks are few and ordered, so a light-to-dark ramp tells them apart without a palette.
 *
 * @example
 * stackedByAgent([{ agent_name: 'Sam', week_start: '2026-11-30', minutes: 45 }]).bars[0].total // 45
 */
export function stackedByAgent(rows: readonly Record<string, unknown>[]): StackedModel {
  const weeks = [...new Set(rows.map((r) => text(r.week_start)))].sort();
  const byAgent = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const agent = text(row.agent_name) || text(row.agent_email);
    const weeksOf = byAgent.get(agent) ?? new Map<string, number>();
    const week = text(row.week_start);
    weeksOf.set(week, (weeksOf.get(week) ?? 0) + num(row.minutes));
    byAgent.set(agent, weeksOf);
  }
  const bars = [...byAgent].map(([label, weeksOf]) => {
    const segments = weeks
      .map((week) => ({ week, minutes: weeksOf.get(week) ?? 0 }))
      .filter((s) => s.minutes > 0);
    return { label, total: segments.reduce((sum, s) => sum + s.minutes, 0), segments };
  });
  bars.sort((a, b) => b.total - a.total);
  return { weeks, bars, max: Math.max(0, ...bars.map((b) => b.total)) };
}

/** One service of the whitespace matrix. */
export interface WhitespaceCell {
  service: string;
  category: string;
  has: boolean;
  since: string | null;
  /** The customer, when the row names one (a report over many customers); else the summary's. */
  customer?: string;
  customerId?: number;
}

/** The customer a whitespace row names, if any: by name field, or an `{ id, name }` object. */
function rowCustomer(row: Record<string, unknown>): { customer?: string; customerId?: number } {
  const org = isRecord(row.organisation)
    ? row.organisation
    : isRecord(row.customer)
      ? row.customer
      : {};
  const name =
    text(row.organisation_name) ||
    text(row.customer_name) ||
    text(org.name) ||
    (typeof row.organisation === 'string' ? text(row.organisation) : '') ||
    (typeof row.customer === 'string' ? text(row.customer) : '');
  const id = [row.organisation_id, row.customer_id, org.id].find((v) => typeof v === 'number');
  return {
    ...(name === '' ? {} : { customer: name }),
    ...(typeof id === 'number' ? { customerId: id } : {}),
  };
}

/**
 * The whitespace rows as matrix cells, in the server's order; a row that names its customer
 * (a report over many customers) keeps it on the cell.
 *
 * @example
 * whitespaceCells([{ service_name: 'Backup', category: 'Data', has: false, since: null }])
 */
export function whitespaceCells(rows: readonly Record<string, unknown>[]): WhitespaceCell[] {
  return rows.map((row) => ({
    service: text(row.service_name) || text(row.service_key),
    category: text(row.category),
    has: row.has === true,
    since: typeof row.since === 'string' ? row.since : null,
    ...rowCustomer(row),
  }));
}

/**
 * Column names of a plain table: every key of every row, in the order first seen.
 *
 * @example
 * tableColumns([{ a: 1 }, { a: 2, b: 3 }]) // ['a', 'b']
 */
export function tableColumns(rows: readonly Record<string, unknown>[]): string[] {
  const columns: string[] = [];
  for (const row of rows)
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return columns;
}

/**
 * Minutes as hours and minutes, for values printed on bars.
 *
 * @example
 * hoursText(135) // '2h 15m'
 */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

/**
 * Axis ticks from 0 to at least `max`, on a 1-2-5 step, about `count` of them.
 *
 * @example
 * niceTicks(17, 4) // [0, 5, 10, 15, 20]
 */
export function niceTicks(max: number, count: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  // Multiples of the step, rounded: adding 0.2 five times prints as 0.6000000000000001.
  const last = Math.ceil(max / step - 1e-9);
  return Array.from({ length: last + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}
