import { beforeAll, describe, expect, it } from 'vitest';
import { openView, type OpenedView } from './support/apps-host.js';
import { callOk, unwrapUntrusted, useAppsDesk, type AppsDesk } from './support/apps-desk.js';
import { readView, viewUriOf } from './support/view-resource.js';

/** A report tool's structured content (plugins/reports/report-tool.ts). */
interface Report<TRow> {
  readonly report: string;
  readonly title: string;
  readonly rows: readonly TRow[];
}

const chartsUri = 'ui://servicedesk/report-charts';

/** Last month, YYYY-MM (UTC): the demo history has missed SLAs in it whatever today is. */
function lastMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7);
}

/** Mounts the report view for a report tool's result, waiting until it has drawn its SVG. */
async function openReport(
  desk: AppsDesk,
  call: { readonly name: string; readonly arguments: Record<string, unknown> },
  device: 'desktop' | 'phone' = 'desktop',
): Promise<OpenedView> {
  const view = await readView(desk.sam, { toolName: call.name, view: 'report-charts' });
  const opened = await openView(await desk.browser(), { client: desk.sam, view, call, device });
  await expect
    .poll(() => opened.frame.locator('svg').count(), { timeout: 10_000 })
    .toBeGreaterThan(0);
  return opened;
}

/** The text of the view's charts (labels and values are SVG text). */
async function chartText(opened: OpenedView): Promise<string> {
  // Playwright evaluates a string as an expression and never calls it, so a function written as
  // a string returned undefined here: read each SVG's textContent through the locator instead.
  const texts = await opened.frame.locator('svg').allTextContents();
  return texts.join('\n');
}

/** The report a view was mounted with (the initial call's structured content). */
function reportOf<TRow>(opened: OpenedView): Report<TRow> {
  return opened.result.structuredContent as unknown as Report<TRow>;
}

/**
 * How many marks of a kind the charts draw. The classes are the view's (views/report-charts):
 * `rc-missed` and `rc-handled` bars, `rc-cell` heat map cells, `rc-segment` stacked segments
 * (those with a tooltip; the legend's swatches have none), `rc-ws-<state>` whitespace cells.
 */
function marks(opened: OpenedView, selector: string): Promise<number> {
  return opened.frame.locator(`svg ${selector}`).count();
}

describe('the report charts in an MCP Apps host (example desk, SQLite)', () => {
  const desk = useAppsDesk({ demoTickets: 300 });

  beforeAll(async () => {
    // Time on two tickets this week, so the weekly report has rows whatever the history has.
    const { tickets } = await callOk<{ tickets: { id: number }[] }>(
      desk.samText,
      'search_tickets',
      {
        limit: 2,
      },
    );
    for (const { id } of tickets)
      await callOk(desk.samText, 'log_time', { ticketId: id, minutes: 45, note: 'Charts test' });
  });

  it('is the view of every report tool', async () => {
    const { tools } = await desk.sam.listTools();
    const reports = tools.filter((t) => t.name.startsWith('get_report_'));
    expect(reports.length).toBe(4);
    for (const tool of reports) expect(viewUriOf(tool), tool.name).toBe(chartsUri);
  });

  it('draws a bar per technician for missed SLAs', async () => {
    const opened = await openReport(desk, {
      name: 'get_report_missed_sla_by_technician',
      arguments: { month: lastMonth() },
    });
    try {
      const { rows } = reportOf<{ agent_name: string }>(opened);
      expect(rows.length).toBeGreaterThan(0);
      const text = await chartText(opened);
      for (const row of rows) expect(text).toContain(row.agent_name);
      expect(await marks(opened, 'rect.rc-missed')).toBe(rows.length);
      expect(await marks(opened, 'rect.rc-handled')).toBe(rows.length);
      expect(await opened.frame.locator('body').innerText()).toContain(lastMonth());
      await opened.screenshot('report-charts', 'missed-sla');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('draws the open tickets as a team × priority heat map with the count in each cell', async () => {
    const opened = await openReport(desk, {
      name: 'get_report_open_tickets_by_team_priority',
      arguments: {},
    });
    try {
      type Row = { team_name: string; priority: number; open_tickets: number };
      const { rows } = reportOf<Row>(opened);
      expect(rows.length).toBeGreaterThan(0);
      const text = await chartText(opened);
      for (const row of rows) {
        expect(text).toContain(row.team_name);
        expect(text).toContain(String(row.open_tickets));
      }
      // A full grid: every team with open tickets × priorities 1–4 (and any other present).
      const teams = new Set(rows.map((r) => r.team_name)).size;
      const priorities = new Set([1, 2, 3, 4, ...rows.map((r) => r.priority)]).size;
      expect(await marks(opened, 'rect.rc-cell')).toBe(teams * priorities);
      expect(await marks(opened, 'rect.rc-cell:not(.rc-cell-empty)')).toBe(
        rows.filter((r) => r.open_tickets > 0).length,
      );
      await opened.screenshot('report-charts', 'open-tickets');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('draws time logged per agent per week as stacked bars', async () => {
    const opened = await openReport(desk, {
      name: 'get_report_time_logged_per_agent_weekly',
      arguments: {},
    });
    try {
      type Row = { agent_name: string; week_start: string; minutes: number };
      const { rows } = reportOf<Row>(opened);
      expect(rows.map((r) => r.agent_name)).toContain('Sam Taylor');
      const text = await chartText(opened);
      for (const row of rows) expect(text).toContain(row.agent_name);
      // A segment per agent and week with time logged.
      const segments = new Set(
        rows.filter((r) => r.minutes > 0).map((r) => `${r.agent_name} ${r.week_start}`),
      );
      expect(await marks(opened, 'rect.rc-segment:has(title)')).toBe(segments.size);
      await opened.screenshot('report-charts', 'time-logged');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('marks a customer’s service gaps and logs an opportunity from one', async () => {
    const customer = 'Acorn Construction';
    const opened = await openReport(desk, {
      name: 'get_report_whitespace',
      arguments: { customer },
    });
    try {
      type Row = { service_name: string; has: boolean };
      const { rows } = reportOf<Row>(opened);
      const gaps = rows.filter((r) => !r.has);
      expect(gaps.length).toBeGreaterThan(0);
      const text = await chartText(opened);
      for (const row of rows) expect(text).toContain(row.service_name);
      expect(await marks(opened, 'rect.rc-ws')).toBe(rows.length);
      expect(await marks(opened, 'rect.rc-ws-gap')).toBe(gaps.length);
      const buttons = opened.frame.getByRole('button', { name: /log opportunity/i });
      expect(await buttons.count()).toBe(gaps.length);
      await opened.screenshot('report-charts', 'whitespace');

      await buttons.first().click();
      const logged = await opened.waitForCall('log_opportunity');
      expect(logged.result.isError).toBeFalsy();
      const service = String(logged.arguments['service']);
      expect(gaps.map((g) => g.service_name)).toContain(service);
      const { id: ticketId } = logged.result.structuredContent as { id: number };
      const stored = await callOk<{
        ticket: { type: string; summary: string; organisation: string };
      }>(desk.samText, 'get_ticket', { ticketId });
      expect(stored.ticket.type).toBe('opportunity');
      expect(stored.ticket.organisation).toBe(customer);
      expect(unwrapUntrusted(stored.ticket.summary)).toContain(service);
      // The gap now says it was logged, with the new ticket's number.
      await expect
        .poll(() => opened.frame.locator('body').innerText())
        .toMatch(new RegExp(`#?${ticketId}\\b`));
      expect(await marks(opened, 'rect.rc-ws-logged')).toBe(1);
      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it.each([
    ['phone', 'light'],
    ['phone', 'dark'],
    ['desktop', 'dark'],
  ] as const)('reads on a %s in the %s theme', async (device, theme) => {
    const view = await readView(desk.sam, {
      toolName: 'get_report_open_tickets_by_team_priority',
      view: 'report-charts',
    });
    const opened = await openView(await desk.browser(), {
      client: desk.sam,
      view,
      call: { name: 'get_report_open_tickets_by_team_priority', arguments: {} },
      device,
      theme,
    });
    try {
      await expect.poll(() => opened.frame.locator('svg').count()).toBeGreaterThan(0);
      await opened.screenshot('report-charts', 'open-tickets');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
