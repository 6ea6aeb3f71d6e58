import { beforeAll, describe, expect, it } from 'vitest';
import { openView, type OpenedView } from './support/apps-host.js';
import { callOk, useAppsDesk } from './support/apps-desk.js';
import { readView, viewUriOf } from './support/view-resource.js';

/** A row of get_assigned_tickets' structured content (what the order depends on). */
interface QueueTicket {
  readonly id: number;
  readonly sla?: { readonly state: string; readonly minutes_remaining: number | null };
}

const boardUri = 'ui://servicedesk/queue-board';

/** Breached first, then at risk, then the rest; within each, the nearest due time first. */
function byBreachRisk(a: QueueTicket, b: QueueTicket): number {
  const rank = (t: QueueTicket) => ({ breached: 0, at_risk: 1 })[t.sla?.state ?? ''] ?? 2;
  const left = (t: QueueTicket) => t.sla?.minutes_remaining ?? Number.POSITIVE_INFINITY;
  return rank(a) - rank(b) || left(a) - left(b);
}

/** The ticket numbers the board shows, top to bottom (each row shows `#<number>`). */
async function shownNumbers(opened: OpenedView): Promise<number[]> {
  const text = await opened.frame.locator('body').innerText();
  const numbers = [...text.matchAll(/#(\d+)\b/g)].map((m) => Number(m[1]));
  return [...new Set(numbers)];
}

describe('the queue board in an MCP Apps host (example desk, SQLite)', () => {
  // Enough history that some open tickets are already past their SLA.
  const desk = useAppsDesk({ demoTickets: 300 });
  let queue: QueueTicket[];

  beforeAll(async () => {
    // Sam takes every open ticket of the history (some breached) and logs three of his own.
    const open = await callOk<{ tickets: { id: number }[] }>(desk.samText, 'search_tickets', {
      status: ['new', 'open', 'pending'],
      limit: 20,
    });
    for (const { id } of open.tickets) await callOk(desk.samText, 'assign_to_me', { ticketId: id });
    for (const priority of [1, 3, 4])
      await callOk(desk.samText, 'create_ticket', {
        summary: `Queue board P${priority} check`,
        details: 'Made by the queue board test.',
        type: 'incident',
        priority,
        agent: 'me',
        customFields: { affected_service: 'Service Desk Support' },
      });
    ({ tickets: queue } = await callOk<{ tickets: QueueTicket[] }>(
      desk.samText,
      'get_assigned_tickets',
    ));
  });

  it('is the view of get_assigned_tickets and search_tickets', async () => {
    const { tools } = await desk.sam.listTools();
    expect(viewUriOf(tools.find((t) => t.name === 'get_assigned_tickets'))).toBe(boardUri);
    expect(viewUriOf(tools.find((t) => t.name === 'search_tickets'))).toBe(boardUri);
  });

  it('lists Sam’s queue by breach risk in SLA colours, and a filter chip narrows it', async () => {
    const view = await readView(desk.sam, {
      toolName: 'get_assigned_tickets',
      view: 'queue-board',
    });
    const opened = await openView(await desk.browser(), {
      client: desk.sam,
      view,
      call: { name: 'get_assigned_tickets', arguments: {} },
    });
    try {
      const expected = [...queue].sort(byBreachRisk).map((t) => t.id);
      expect(expected.length).toBeGreaterThanOrEqual(4);
      await expect.poll(() => shownNumbers(opened)).toEqual(expected);
      for (const state of new Set(queue.map((t) => t.sla?.state ?? 'none')))
        expect(
          await opened.frame.locator(`.sla-${state}`).count(),
          `.sla-${state}`,
        ).toBeGreaterThan(0);
      await opened.screenshot('queue-board', 'assigned');

      const chips = opened.frame.getByRole('group', { name: /priority/i }).getByRole('button');
      expect(await chips.count()).toBeGreaterThan(1);
      await chips.first().click();
      await expect
        .poll(async () => (await shownNumbers(opened)).length)
        .toBeLessThan(expected.length);
      expect(await chips.first().getAttribute('aria-pressed')).toBe('true');
      await chips.first().click();
      await expect.poll(() => shownNumbers(opened)).toEqual(expected);
      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('pages a search with "More": the same tool again with the cursor, rows appended', async () => {
    const view = await readView(desk.sam, { toolName: 'search_tickets', view: 'queue-board' });
    const opened = await openView(await desk.browser(), {
      client: desk.sam,
      view,
      call: { name: 'search_tickets', arguments: { limit: 5 } },
    });
    try {
      const first = opened.result.structuredContent as { nextCursor: string | null };
      expect(first.nextCursor).toBeTruthy();
      await expect.poll(async () => (await shownNumbers(opened)).length).toBe(5);
      await opened.frame.getByRole('button', { name: /^more$/i }).click();
      const more = await opened.waitForCall('search_tickets');
      expect(more.arguments).toEqual({ limit: 5, cursor: first.nextCursor });
      await expect.poll(async () => (await shownNumbers(opened)).length).toBe(10);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('shows summaries without the model’s <untrusted-text> markers', async () => {
    const view = await readView(desk.sam, {
      toolName: 'get_assigned_tickets',
      view: 'queue-board',
    });
    const opened = await openView(await desk.browser(), {
      client: desk.sam,
      view,
      call: { name: 'get_assigned_tickets', arguments: {} },
    });
    try {
      const body = opened.frame.locator('body');
      await expect.poll(() => body.innerText()).toContain('Queue board P1 check');
      expect(await body.innerText()).not.toContain('untrusted-text');
    } finally {
      await opened.close();
    }
  });

  it.each(['desktop', 'phone'] as const)('reads well on a %s in the dark theme', async (device) => {
    const view = await readView(desk.sam, {
      toolName: 'get_assigned_tickets',
      view: 'queue-board',
    });
    const opened = await openView(await desk.browser(), {
      client: desk.sam,
      view,
      call: { name: 'get_assigned_tickets', arguments: {} },
      device,
      theme: 'dark',
    });
    try {
      await expect.poll(async () => (await shownNumbers(opened)).length).toBe(queue.length);
      const frame = await opened.viewFrame();
      expect(
        await frame.evaluate<boolean>(
          'document.documentElement.scrollWidth <= document.documentElement.clientWidth',
        ),
      ).toBe(true);
      await opened.screenshot('queue-board', 'assigned');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
