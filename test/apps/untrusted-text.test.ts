import { beforeAll, describe, expect, it } from 'vitest';
import { openView, type OpenedView } from './support/apps-host.js';
import { callOk, useAppsDesk } from './support/apps-desk.js';
import { readView } from './support/view-resource.js';

// Ticket text is written by end users: every view must show it as text. The payload would run
// a script twice if it ever became markup (the <script> through innerHTML does not run, the
// onerror of the <img> does); the host traps alert in every frame, and the view's CSP allows
// inline handlers, so only the view's own care stands between the payload and a script.
const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';

/** What must hold in any view that showed the payload. */
async function expectShownAsText(opened: OpenedView): Promise<void> {
  const body = opened.frame.locator('body');
  await expect.poll(() => body.innerText(), { timeout: 10_000 }).toContain(payload);
  const frame = await opened.viewFrame();
  expect(await frame.evaluate('window.__xss ?? null')).toBeNull();
  expect(await opened.page.evaluate('window.__xss ?? null')).toBeNull();
  expect(await frame.locator('img').count()).toBe(0);
  expect(opened.dialogs).toEqual([]);
  expect(opened.errors).toEqual([]);
  expect(opened.requests).toEqual([]);
}

describe('a ticket whose summary is markup, in every view that shows it (SQLite)', () => {
  const desk = useAppsDesk();
  let ticketId: number;

  beforeAll(async () => {
    ({ id: ticketId } = await callOk<{ id: number }>(desk.alice, 'create_ticket', {
      summary: payload,
      details: payload,
      customFields: { affected_service: 'Service Desk Support' },
    }));
    await callOk(desk.samText, 'add_note', { ticketId, body: payload, visibility: 'private' });
    await callOk(desk.samText, 'assign_to_me', { ticketId });
  });

  it('the ticket card (get_ticket) shows the literal text and runs nothing', async () => {
    const view = await readView(desk.sam, { toolName: 'get_ticket', view: 'ticket-card' });
    const opened = await openView(await desk.browser(), {
      client: desk.sam,
      view,
      call: { name: 'get_ticket', arguments: { ticketId } },
    });
    try {
      await expectShownAsText(opened);
      await opened.screenshot('ticket-card', 'markup-summary');
    } finally {
      await opened.close();
    }
  });

  it.each([
    ['search_tickets', () => ({ text: 'alert' })],
    ['get_assigned_tickets', () => ({})],
  ] as const)(
    'the queue board (%s) shows the literal text and runs nothing',
    async (name, args) => {
      const view = await readView(desk.sam, { toolName: name, view: 'queue-board' });
      const opened = await openView(await desk.browser(), {
        client: desk.sam,
        view,
        call: { name, arguments: args() },
      });
      try {
        const found = opened.result.structuredContent as { tickets: { id: number }[] };
        expect(found.tickets.map((t) => t.id)).toContain(ticketId);
        await expectShownAsText(opened);
        await opened.screenshot('queue-board', `markup-summary-${name}`);
      } finally {
        await opened.close();
      }
    },
  );
});
