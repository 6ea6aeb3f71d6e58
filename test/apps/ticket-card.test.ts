import { beforeAll, describe, expect, it } from 'vitest';
import { openView, type OpenedView } from './support/apps-host.js';
import { callOk, unwrapUntrusted, useAppsDesk } from './support/apps-desk.js';
import { readView, viewUriOf } from './support/view-resource.js';

/** The ticket as get_ticket's structured content gives it (the fields the card shows). */
interface Ticket {
  readonly id: number;
  readonly summary: string;
  readonly status: string;
  readonly priority: number;
  readonly agent: { readonly name: string; readonly email: string } | null;
  readonly requester: { readonly name: string };
  readonly sla: { readonly state: string };
  readonly notes: readonly { readonly body: string; readonly visibility: string }[];
}

const cardUri = 'ui://servicedesk/ticket-card';

/** The view's visible text, once it shows `expected` (the view renders after the result arrives). */
async function shownText(opened: OpenedView, expected: string): Promise<string> {
  const body = opened.frame.locator('body');
  await expect.poll(() => body.innerText(), { timeout: 10_000 }).toContain(expected);
  return body.innerText();
}

describe('the ticket card in an MCP Apps host (example desk, SQLite)', () => {
  const desk = useAppsDesk();
  let ticketId: number;
  const summary = 'Docking station drops both monitors';
  const privateNote = 'Known firmware fault on this dock model';
  const publicNote = 'We are sending you a replacement dock';

  beforeAll(async () => {
    ({ id: ticketId } = await callOk<{ id: number }>(desk.alice, 'create_ticket', {
      summary,
      details: 'Both monitors go black every few minutes.',
      priority: 2,
      customFields: { affected_service: 'Managed Laptops' },
    }));
    await callOk(desk.samText, 'add_note', { ticketId, body: privateNote, visibility: 'private' });
    await callOk(desk.samText, 'add_note', { ticketId, body: publicNote, visibility: 'public' });
  });

  it('is the view get_ticket names, served as an MCP App resource', async () => {
    const { tools } = await desk.sam.listTools();
    expect(viewUriOf(tools.find((t) => t.name === 'get_ticket'))).toBe(cardUri);
    const view = await readView(desk.sam, { toolName: 'get_ticket', view: 'ticket-card' });
    expect(view.source).toBe('server');
    // No outside origin: the host's CSP for it is the strict default.
    expect(view.csp).toBeDefined();
    expect(view.csp?.connectDomains ?? []).toEqual([]);
    expect(view.csp?.resourceDomains ?? []).toEqual([]);
  });

  it('shows an agent the ticket with its private notes, assigns it and adds a note', async () => {
    const view = await readView(desk.sam, { toolName: 'get_ticket', view: 'ticket-card' });
    const opened = await openView(await desk.browser(), {
      client: desk.sam,
      view,
      call: { name: 'get_ticket', arguments: { ticketId } },
    });
    try {
      const { ticket } = opened.result.structuredContent as { ticket: Ticket };
      const text = await shownText(opened, summary);
      expect(text).toContain(`#${ticketId}`);
      expect(text).toMatch(new RegExp(ticket.status, 'i'));
      expect(text).toMatch(/P2|high/i);
      // The SLA state in its colour (the kit's sla-<state> class) with the time left.
      expect(await opened.frame.locator(`.sla-${ticket.sla.state}`).count()).toBeGreaterThan(0);
      expect(text).toMatch(/\d+ (d|h|min)\b[^\n]*left/);
      expect(text).toContain(ticket.requester.name);
      expect(text).toMatch(/unassigned/i);
      expect(text).toContain(privateNote);
      expect(text).toContain(publicNote);
      expect(text).toMatch(/private/i);
      await opened.screenshot('ticket-card', 'agent');

      await opened.frame.getByRole('button', { name: /assign to me/i }).click();
      const assigned = await opened.waitForCall('assign_to_me');
      expect(assigned.arguments).toEqual({ ticketId });
      expect(assigned.result.isError).toBeFalsy();
      const stored = await callOk<{ ticket: Ticket }>(desk.samText, 'get_ticket', { ticketId });
      expect(stored.ticket.agent?.email).toBe('sam@helpdesk.example');
      await shownText(opened, stored.ticket.agent!.name);

      const note = 'Replacement dock booked for Thursday';
      await opened.frame.getByRole('textbox').fill(note);
      await opened.frame.getByRole('button', { name: /add note/i }).click();
      const added = await opened.waitForCall('add_note');
      expect(added.arguments).toMatchObject({ ticketId, body: note });
      const after = await callOk<{ ticket: Ticket }>(desk.samText, 'get_ticket', { ticketId });
      expect(after.ticket.notes.map((n) => unwrapUntrusted(n.body))).toContain(note);
      await shownText(opened, note);

      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('shows what the user wrote without the model’s <untrusted-text> markers', async () => {
    const view = await readView(desk.sam, { toolName: 'get_ticket', view: 'ticket-card' });
    const opened = await openView(await desk.browser(), {
      client: desk.sam,
      view,
      call: { name: 'get_ticket', arguments: { ticketId } },
    });
    try {
      // The server marks user-written text for the model; a person should see only the text.
      const text = await shownText(opened, summary);
      expect(text).toContain(privateNote);
      expect(text).not.toContain('untrusted-text');
    } finally {
      await opened.close();
    }
  });

  it('reads well on a phone in the dark theme', async () => {
    const view = await readView(desk.sam, { toolName: 'get_ticket', view: 'ticket-card' });
    const opened = await openView(await desk.browser(), {
      client: desk.sam,
      view,
      call: { name: 'get_ticket', arguments: { ticketId } },
      device: 'phone',
      theme: 'dark',
    });
    try {
      await shownText(opened, summary);
      expect(await opened.frame.locator('html').getAttribute('data-theme')).toBe('dark');
      // Nothing wider than the phone: the card wraps instead of scrolling sideways.
      const frame = await opened.viewFrame();
      expect(
        await frame.evaluate<boolean>(
          'document.documentElement.scrollWidth <= document.documentElement.clientWidth',
        ),
      ).toBe(true);
      await opened.screenshot('ticket-card', 'agent');
      await opened.page.evaluate(`window.changeHostContext({ theme: 'light' })`);
      await expect
        .poll(() => opened.frame.locator('html').getAttribute('data-theme'))
        .toBe('light');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('shows an end user no agent action and no private note', async () => {
    // An end user has no get_ticket: update_ticket (adding information) shows her the card.
    const { tools } = await desk.alice.listTools();
    const tool = tools.find((t) => t.name === 'update_ticket');
    expect(viewUriOf(tool), 'update_ticket does not show the ticket card').toBe(cardUri);
    const information = 'It happens with the spare dock too';
    const args = { ticketId, information };
    const view = await readView(desk.alice, { toolName: 'update_ticket', view: 'ticket-card' });
    const opened = await openView(await desk.browser(), {
      client: desk.alice,
      view,
      call: { name: 'update_ticket', arguments: args },
    });
    try {
      expect(opened.result.isError).toBeFalsy();
      const actions = opened.result._meta?.['servicedesk-mcp/actions'];
      expect(actions).not.toContain('assign_to_me');
      const text = await shownText(opened, summary);
      expect(text).not.toContain(privateNote);
      expect(await opened.frame.getByRole('button', { name: /assign to me/i }).count()).toBe(0);
      await opened.screenshot('ticket-card', 'end-user');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
