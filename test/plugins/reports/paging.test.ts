import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startReportsServer, type ReportsServer } from './reports-server.js';

/** The part of a report's output these tests read. */
interface ReportPage {
  readonly rows: readonly unknown[];
  readonly summary: unknown;
  readonly page: { readonly offset: number; readonly total: number; nextCursor: string | null };
}

/** A row of the missed-SLA report. */
interface MissedRow {
  readonly tickets_handled: number;
  readonly missed_tickets: number;
  readonly response_misses: number;
  readonly resolution_misses: number;
}

/** Reads every page of `tool` with `limit` rows each; returns the pages' outputs. */
async function allPages(client: Client, tool: string, args: Record<string, unknown>) {
  const pages: ReportPage[] = [];
  let cursor: string | undefined;
  do {
    const { out, isError, text } = await call(client, tool, {
      ...args,
      ...(cursor !== undefined && { cursor }),
    });
    expect(isError, text).toBe(false);
    const page = out as ReportPage;
    pages.push(page);
    cursor = page.page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages.length < 100);
  return pages;
}

/** The month 20 days ago, which the demo history (dated from the real clock) fills well. */
const recentMonth = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 7);

async function expectPagesMakeTheWhole(
  client: Client,
  request: { readonly tool: string; readonly args: Record<string, unknown> },
  limit: number,
) {
  const { tool, args } = request;
  const whole = await call(client, tool, { ...args, limit: 500 });
  expect(whole.isError, whole.text).toBe(false);
  const result = whole.out as ReportPage;
  const total = result.page.total;
  expect(total).toBeGreaterThan(limit);
  expect(result.page.nextCursor).toBeNull();

  const pages = await allPages(client, tool, { ...args, limit });
  expect(pages).toHaveLength(Math.ceil(total / limit));
  expect(pages.flatMap((page) => page.rows)).toEqual(result.rows);
  for (const [index, page] of pages.entries()) {
    expect(page.summary).toEqual(result.summary);
    expect(page.page).toMatchObject({ offset: index * limit, limit, total });
  }
  expect(pages.at(-1)?.page.nextCursor).toBeNull();
}

describe.each(testEngines)('report paging on $engine', (engine) => {
  describe('on the fixture desk', () => {
    let server: ReportsServer;
    let agent: Client;

    beforeAll(async () => {
      server = await startReportsServer(engine);
      agent = server.t.clients['agent']!;
    });
    afterAll(async () => server?.close());

    it.each([
      ['get_report_open_tickets_by_team_priority', {}],
      ['get_report_time_logged_per_agent_weekly', {}],
      ['get_report_whitespace', { customer: 'Acorn Construction' }],
    ])('%s: the pages together are the whole result, with one summary', async (tool, args) => {
      await expectPagesMakeTheWhole(agent, { tool, args }, 1);
    });

    it('summarises the whole result, not the page', async () => {
      const { out, text } = await call(agent, 'get_report_open_tickets_by_team_priority', {
        limit: 1,
      });
      expect(out.rows).toHaveLength(1);
      expect(out.summary.open_tickets).toBe(6);
      expect(text).toMatch(/Rows 1–1 of 4\. More: pass cursor "[^"]+" for the next page\./);
      const last = await call(agent, 'get_report_open_tickets_by_team_priority', {
        limit: 3,
        cursor: (await call(agent, 'get_report_open_tickets_by_team_priority', { limit: 3 })).out
          .page.nextCursor,
      });
      expect(last.out.page).toMatchObject({ offset: 3, returned: 1, total: 4, nextCursor: null });
      expect(last.text).toContain('Rows 4–4 of 4.');
    });

    it('refuses a cursor handed out for other parameters', async () => {
      const first = await call(agent, 'get_report_open_tickets_by_team_priority', { limit: 1 });
      const other = await call(agent, 'get_report_open_tickets_by_team_priority', {
        limit: 1,
        priority: [1],
        cursor: first.out.page.nextCursor,
      });
      expect(other.isError).toBe(true);
      expect(other.text).toMatch(
        /^cursor: it was handed out for other parameters; pass the nextCursor/,
      );
    });
  });

  describe('on the demo desk', () => {
    let server: ReportsServer;
    let agent: Client;

    beforeAll(async () => {
      server = await startReportsServer(engine, { demoTickets: 300 });
      agent = server.t.clients['agent']!;
    });
    afterAll(async () => server?.close());

    it('pages the whitespace of a demo customer', async () => {
      await expectPagesMakeTheWhole(
        agent,
        { tool: 'get_report_whitespace', args: { customer: 'Acorn Construction' } },
        3,
      );
    });

    it('pages missed SLAs of a recent month, whose rows add up to the summary', async () => {
      await expectPagesMakeTheWhole(
        agent,
        { tool: 'get_report_missed_sla_by_technician', args: { month: recentMonth } },
        2,
      );
      const { out } = await call(agent, 'get_report_missed_sla_by_technician', {
        month: recentMonth,
        limit: 500,
      });
      const rows = out.rows as MissedRow[];
      const add = (field: keyof MissedRow) => rows.reduce((total, row) => total + row[field], 0);
      expect(out.summary.tickets_handled).toBe(add('tickets_handled'));
      expect(out.summary.missed_tickets).toBe(add('missed_tickets'));
      expect(out.summary.response_misses).toBe(add('response_misses'));
      expect(out.summary.resolution_misses).toBe(add('resolution_misses'));
      for (const row of rows) {
        expect(row.missed_tickets).toBeLessThanOrEqual(row.tickets_handled);
        expect(row.missed_tickets).toBeGreaterThanOrEqual(
          Math.max(row.response_misses, row.resolution_misses),
        );
      }
    });
  });
});
