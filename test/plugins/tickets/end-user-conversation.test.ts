import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untrustedText, type TestServer } from '../../../core/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { call } from '../../helpers/call-tool.js';
import { startTicketsServer, type FixtureTickets } from './tickets-fixture.js';

describe.each(testEngines)('an end user talking to the tickets tools on $engine', (engine) => {
  let t: TestServer;
  let tickets: FixtureTickets;
  let close: () => Promise<void>;
  let jo: Client;
  let agent: Client;
  let logged: number;

  beforeAll(async () => {
    ({ t, tickets, close } = await startTicketsServer(engine));
    jo = t.clients['user']!;
    agent = t.clients['agent']!;
  });
  afterAll(async () => close?.());

  it('"log a P2 ticket: my VPN keeps dropping" logs it with its SLA due times', async () => {
    const { isError, out, text } = await call(jo, 'create_ticket', {
      type: 'incident',
      summary: 'VPN keeps dropping on the London network',
      details: 'Since Monday the VPN drops every ten minutes.',
      priority: 2,
    });
    expect(isError, text).toBe(false);
    expect(out).toMatchObject({
      type: 'incident',
      status: 'new',
      priority: 2,
      team: 'service-desk',
      // P2: first response within 1 h, resolution within 8 h of the desk's clock.
      response_due_at: '2026-02-02T11:00:00.000Z',
      resolution_due_at: '2026-02-02T18:00:00.000Z',
    });
    expect(text).toMatch(/Logged ticket #\d+ .*resolution due by 2026-02-02T18:00/);
    // This server has no AI triage, so the answer has none and does not mention it.
    expect(out).not.toHaveProperty('triage');
    expect(text).not.toMatch(/triage/i);
    logged = out.id as number;
  });

  it('"what tickets do I have?" lists only their own, with status', async () => {
    const { out } = await call(jo, 'get_my_tickets', {});
    const ids = (out.tickets as { id: number }[]).map((ticket) => ticket.id);
    expect(ids).toEqual([logged, tickets.joVpn]);
    expect(out.tickets[0]).toMatchObject({ status: 'new', assigned: false });
    expect(out.tickets[0]).not.toHaveProperty('agent');
    const open = await call(jo, 'get_my_tickets', { status: ['open'] });
    expect(open.out.tickets).toEqual([]);
  });

  it('updates the details and adds information, but may not triage', async () => {
    const updated = await call(jo, 'update_ticket', {
      ticketId: logged,
      details: 'The VPN drops every ten minutes, only on the London office Wi-Fi.',
      information: 'It started after the router was replaced.',
    });
    expect(updated.isError, updated.text).toBe(false);
    expect(updated.out.changed).toEqual(['details', 'information']);
    expect(updated.out.note_id).toEqual(expect.any(Number));

    const triage = await call(jo, 'update_ticket', { ticketId: logged, status: 'resolved' });
    expect(triage.isError).toBe(true);
    expect(triage.text).toMatch(/details.*not status/);
    const assign = await call(jo, 'update_ticket', { ticketId: logged, agent: 'me' });
    expect(assign).toMatchObject({ isError: true, text: expect.stringMatching(/^agent: /) });
  });

  it('adds public notes only', async () => {
    const note = await call(jo, 'add_note', { ticketId: logged, body: 'Still dropping today.' });
    expect(note.isError, note.text).toBe(false);
    expect(note.out.note).toMatchObject({ visibility: 'public', written_by_ai: true });
    const secret = await call(jo, 'add_note', {
      ticketId: logged,
      body: 'Private?',
      visibility: 'private',
    });
    expect(secret).toMatchObject({ isError: true, text: expect.stringMatching(/private notes/) });
  });

  it('reads their ticket in the reduced view: no private notes, time or change internals', async () => {
    await call(agent, 'add_note', {
      ticketId: logged,
      body: 'Internal: router firmware suspected',
      visibility: 'private',
    });
    await call(agent, 'log_time', { ticketId: logged, minutes: 15 });
    const { out } = await call(jo, 'get_ticket', { ticketId: logged });
    const ticket = out.ticket;
    expect(ticket.details).toMatch(/London office Wi-Fi/);
    expect((ticket.notes as { id: number; body: string }[]).map((n) => n.body)).toEqual([
      untrustedText(
        `ticket ${logged} note ${ticket.notes[0].id}`,
        'It started after the router was replaced.',
      ),
      untrustedText(`ticket ${logged} note ${ticket.notes[1].id}`, 'Still dropping today.'),
    ]);
    expect(ticket).not.toHaveProperty('minutes_logged');
    expect(ticket).not.toHaveProperty('agent');
    for (const row of ticket.history as Record<string, unknown>[]) {
      expect(Object.keys(row).sort()).toEqual(['at', 'field', 'from', 'to']);
      expect(row.field).not.toBe('note.private');
    }
    for (const note of ticket.notes) expect(note).not.toHaveProperty('ai_client');
  });

  it('gets "not found" for another user\'s ticket from every tool', async () => {
    const other = tickets.kimEmail;
    const attempts = [
      await call(jo, 'get_ticket', { ticketId: other }),
      await call(jo, 'update_ticket', { ticketId: other, details: 'mine now' }),
      await call(jo, 'update_ticket', { ticketId: other, information: 'hello' }),
      await call(jo, 'add_note', { ticketId: other, body: 'hello' }),
      // Sam works at the same organisation, but Jo holds only :own scopes.
      await call(jo, 'get_ticket', { ticketId: tickets.samPrinter }),
    ];
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ isError: true, text: expect.stringMatching(/not found/) });
    }
    const searched = await call(jo, 'search_tickets', { text: 'supplier email bounces' });
    expect(searched.out.tickets).toEqual([]);
    // Assigning is an agent tool: for an end user it does not exist at all.
    await expect(
      jo.callTool({ name: 'assign_to_me', arguments: { ticketId: other } }),
    ).rejects.toThrow(/assign_to_me not found/);
    await expect(
      jo.callTool({ name: 'log_time', arguments: { ticketId: logged, minutes: 30 } }),
    ).rejects.toThrow(/log_time not found/);
    const untouched = await call(agent, 'get_ticket', { ticketId: other });
    expect(untouched.out.ticket.notes).toEqual([]);
    expect(untouched.out.ticket.details).toBe(
      untrustedText(
        `ticket ${untouched.out.ticket.id} details`,
        'Mail from the supplier domain bounces.',
      ),
    );
  });
});
