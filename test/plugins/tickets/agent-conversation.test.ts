import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { call } from '../../helpers/call-tool.js';
import { startTicketsServer, type FixtureTickets } from './tickets-fixture.js';

const ids = (list: unknown) => (list as { id: number }[]).map((ticket) => ticket.id);

describe.each(testEngines)('an agent talking to the tickets tools on $engine', (engine) => {
  let t: TestServer;
  let tickets: FixtureTickets;
  let close: () => Promise<void>;
  let ann: Client;
  let bob: Client;

  beforeAll(async () => {
    ({ t, tickets, close } = await startTicketsServer(engine));
    ann = t.clients['agent']!;
    bob = await t.connect('agent', 'bob-token');
  });
  afterAll(async () => close?.());

  it('"find the VPN ticket" searches all tickets by text, with score and snippet', async () => {
    const { isError, out, text } = await call(bob, 'search_tickets', { text: 'vpn london' });
    expect(isError, text).toBe(false);
    expect(ids(out.tickets)).toEqual([tickets.joVpn]);
    expect(out.tickets[0].score).toBeGreaterThan(0);
    expect(out.tickets[0].snippet).toMatch(/\*\*VPN\*\*/i);
    expect(out.tickets[0]).toMatchObject({
      team: 'network',
      requester: { name: 'Jo Bloggs', email: 'jo.bloggs@acorn.example' },
      agent: null,
    });
  });

  it('filters without text, newest first, a page at a time', async () => {
    const first = await call(bob, 'search_tickets', { agent: 'ann.agent@desk.example', limit: 2 });
    expect(ids(first.out.tickets)).toEqual([tickets.fresh, tickets.urgent]);
    expect(first.out.tickets[0].score).toBe(0);
    const second = await call(bob, 'search_tickets', {
      agent: 'ann.agent@desk.example',
      limit: 2,
      cursor: first.out.nextCursor,
    });
    expect(ids(second.out.tickets)).toEqual([tickets.breached, tickets.atRisk]);
    const unassigned = await call(bob, 'search_tickets', {
      agent: 'none',
      organisation: 'Acorn Construction',
      createdFrom: '2026-01-29',
    });
    expect(ids(unassigned.out.tickets)).toEqual([tickets.joVpn, tickets.samPrinter]);
    const p1 = await call(bob, 'search_tickets', { text: 'offline', priority: [1] });
    expect(ids(p1.out.tickets)).toEqual([tickets.urgent]);
  });

  it('reads a ticket in full: notes, time logged, SLA and change provenance', async () => {
    await call(bob, 'add_note', {
      ticketId: tickets.joVpn,
      body: 'Checking the London firewall',
      visibility: 'private',
    });
    const { out } = await call(bob, 'get_ticket', { ticketId: tickets.joVpn });
    expect(out.ticket).toMatchObject({
      id: tickets.joVpn,
      type: 'incident',
      minutes_logged: 0,
      sla: { state: 'breached', resolution_due_at: '2026-01-30T17:00:00.000Z' },
      notes: [{ visibility: 'private', author: 'Bob Agent', written_by_ai: true }],
    });
    expect(out.ticket.notes[0]).toMatchObject({
      ai_collection: 'agent',
      ai_client: 'copilot-studio',
    });
  });

  it('runs a quick action, and lists the actions there are for an unknown one', async () => {
    const ran = await call(ann, 'action_ticket', {
      ticketId: tickets.samPrinter,
      action: 'escalate_to_network',
    });
    expect(ran.isError, ran.text).toBe(false);
    expect(ran.out).toMatchObject({
      action: { key: 'escalate_to_network', name: 'Escalate to Network' },
      ticket: { team: 'network', priority: 1, agent: { name: 'Ann Agent' } },
      email: null,
    });
    const unknown = await call(ann, 'action_ticket', {
      ticketId: tickets.samPrinter,
      action: 'fix_it',
    });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/^action: there is no quick action "fix_it"/);
    expect(unknown.text).toContain('escalate_to_network: Escalate to Network');
    expect(unknown.text).toContain('resolve_and_notify: Resolve and tell the requester');
    const resolved = await call(ann, 'action_ticket', {
      ticketId: tickets.samPrinter,
      action: 'resolve_and_notify',
    });
    expect(resolved.out.email).toEqual({
      to: 'sam.smith@acorn.example',
      subject: `Ticket ${tickets.samPrinter} resolved`,
    });
  });

  it('"assign the VPN ticket to me" takes it', async () => {
    const { out, text } = await call(bob, 'assign_to_me', { ticketId: tickets.joVpn });
    expect(out.ticket).toMatchObject({ status: 'open', agent: { name: 'Bob Agent' } });
    expect(text).toMatch(/assigned to Bob Agent/);
  });

  it('"summarise my queue and flag anything over SLA" sorts by breach risk', async () => {
    const { out, text } = await call(ann, 'get_assigned_tickets', {});
    // samPrinter was resolved above, so it has left Ann's queue; `done` was never in it.
    expect(ids(out.tickets)).toEqual([
      tickets.breached,
      tickets.atRisk,
      tickets.urgent,
      tickets.fresh,
    ]);
    expect((out.tickets as { sla: { state: string } }[]).map((q) => q.sla.state)).toEqual([
      'breached',
      'at_risk',
      'ok',
      'ok',
    ]);
    expect(out.tickets[0].sla.minutes_remaining).toBe(-120);
    expect(out).toMatchObject({ total: 4, breached: 1, at_risk: 1, truncated: false });
    expect(text).toMatch(/4 ticket\(s\) in your queue: 1 breached, 1 at risk/);
    expect(text).toMatch(/Payroll export fails.*BREACHED/);
    const newest = await call(ann, 'get_assigned_tickets', { sort: 'newest', limit: 2 });
    expect(ids(newest.out.tickets)).toEqual([tickets.fresh, tickets.urgent]);
    expect(newest.out.total).toBe(4);
    const finished = await call(ann, 'get_assigned_tickets', { status: ['resolved'] });
    expect(ids(finished.out.tickets)).toEqual([tickets.done, tickets.samPrinter]);
  });

  it('"log 30 mins against it" logs time, and refuses absurd amounts', async () => {
    const logged = await call(bob, 'log_time', {
      ticketId: tickets.joVpn,
      minutes: 30,
      note: 'Firewall rule fixed',
    });
    expect(logged.isError, logged.text).toBe(false);
    expect(logged.out).toMatchObject({ entry: { minutes: 30 }, total_minutes: 30 });
    for (const minutes of [0, -5, 1441, 2.5, '30']) {
      const refused = await call(bob, 'log_time', { ticketId: tickets.joVpn, minutes });
      expect(refused.isError, String(minutes)).toBe(true);
      expect(refused.text).toMatch(/minutes: .*1 to 1440/);
    }
    const { out } = await call(bob, 'get_ticket', { ticketId: tickets.joVpn });
    expect(out.ticket.minutes_logged).toBe(30);
  });
});
