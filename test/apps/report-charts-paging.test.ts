import { beforeAll, describe, expect, it } from 'vitest';
import { openView } from './support/apps-host.js';
import { callOk, useAppsDesk } from './support/apps-desk.js';
import { readView } from './support/view-resource.js';

/** Last month, YYYY-MM (UTC): the demo history has missed SLAs in it whatever today is. */
function lastMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7);
}

interface Page {
  readonly rows: readonly { agent_name: string }[];
  readonly page: { total: number; nextCursor: string | null };
}

describe('the report charts page and fit a phone (example desk, SQLite)', () => {
  const desk = useAppsDesk({ demoTickets: 300 });

  beforeAll(async () => {
    // Time on a ticket this week, so the weekly report has a bar whatever the history has.
    const { tickets } = await callOk<{ tickets: { id: number }[] }>(
      desk.samText,
      'search_tickets',
      {
        limit: 1,
      },
    );
    for (const { id } of tickets)
      await callOk(desk.samText, 'log_time', { ticketId: id, minutes: 30, note: 'Paging test' });
  });

  it('asks for the next page with the same parameters and draws both pages', async () => {
    const name = 'get_report_missed_sla_by_technician';
    const view = await readView(desk.sam, { toolName: name, view: 'report-charts' });
    const opened = await openView(await desk.browser(), {
      client: desk.sam,
      view,
      call: { name, arguments: { month: lastMonth(), limit: 2 } },
    });
    try {
      const first = opened.result.structuredContent as unknown as Page;
      expect(first.page.nextCursor).not.toBeNull();
      await opened.frame.getByRole('button', { name: 'More' }).click();
      const more = await opened.waitForCall(name);
      expect(more.arguments).toMatchObject({
        month: lastMonth(),
        limit: 2,
        cursor: first.page.nextCursor,
      });
      const second = more.result.structuredContent as unknown as Page;
      const shown = Math.min(4, first.page.total);
      await expect
        .poll(() => opened.frame.locator('body').innerText())
        .toContain(`${shown} of ${first.page.total} rows`);
      const text = (await opened.frame.locator('svg').allTextContents()).join('\n');
      for (const row of [...first.rows, ...second.rows]) expect(text).toContain(row.agent_name);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it.each([
    ['get_report_missed_sla_by_technician', 'missed-sla', { month: lastMonth() }],
    ['get_report_whitespace', 'whitespace', { customer: 'Acorn Construction' }],
    ['get_report_time_logged_per_agent_weekly', 'time-logged', {}],
  ] as const)(
    '%s fits a phone without sideways scrolling of the page',
    async (name, shot, args) => {
      const view = await readView(desk.sam, { toolName: name, view: 'report-charts' });
      const opened = await openView(await desk.browser(), {
        client: desk.sam,
        view,
        call: { name, arguments: args },
        device: 'phone',
      });
      try {
        await expect.poll(() => opened.frame.locator('svg').count()).toBeGreaterThan(0);
        const frame = await opened.viewFrame();
        expect(
          await frame.evaluate<boolean>(
            'document.documentElement.scrollWidth <= document.documentElement.clientWidth',
          ),
        ).toBe(true);
        await opened.screenshot('report-charts', shot);
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.close();
      }
    },
  );
});
