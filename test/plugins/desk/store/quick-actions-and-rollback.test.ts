import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../helpers/test-databases.js';
import { failInserts } from './failing-insert.js';
import { fixtureNow, openTicketFixture, people, type TicketFixture } from './ticket-fixture.js';

const at = fixtureNow.toISOString();

describe.each(testEngines)('quick actions and failed writes on $engine', (engine) => {
  let fixture: TicketFixture;

  beforeAll(async () => {
    fixture = await openTicketFixture(engine);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const newIncident = (summary = 'Outlook keeps asking for my password') =>
    fixture.store.tickets.create(people.jo, {
      type: 'incident',
      summary,
      details: 'Since this morning',
    });

  const everything = async () => ({
    tickets: await fixture.db.selectFrom('desk_tickets').selectAll().orderBy('id').execute(),
    history: await fixture.db.selectFrom('desk_ticket_history').selectAll().orderBy('id').execute(),
    notes: await fixture.db.selectFrom('desk_notes').selectAll().orderBy('id').execute(),
    outbox: await fixture.db.selectFrom('desk_outbox').selectAll().orderBy('id').execute(),
    time: await fixture.db.selectFrom('desk_time_entries').selectAll().orderBy('id').execute(),
  });

  it('runs a quick action: its changes, history and a templated e-mail to the requester in the outbox', async () => {
    const { tickets } = fixture.store;
    const ticket = await newIncident('Password reset needed');
    await tickets.assign(people.bob, ticket.id, { to: 'me' });
    const outcome = await tickets.runQuickAction(people.bob, {
      ticketId: ticket.id,
      key: 'resolve_and_notify',
    });
    expect(outcome.ticket).toMatchObject({ status: 'resolved', resolved_at: at });
    expect(outcome.email).toMatchObject({
      to_email: 'jo.bloggs@acorn.example',
      subject: `Ticket ${ticket.id} resolved: Password reset needed`,
      body: `Hello Jo Bloggs,\n\nBob Agent has resolved your ticket ${ticket.id}.`,
      ticket_id: ticket.id,
      status: 'queued',
    });
    const outbox = await fixture.db
      .selectFrom('desk_outbox')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(outbox).toEqual([outcome.email]);
    const escalated = await tickets.runQuickAction(people.ann, {
      ticketId: ticket.id,
      key: 'escalate_to_network',
    });
    expect(escalated.email).toBeUndefined();
    expect(escalated.ticket).toMatchObject({
      team_id: fixture.teams.network,
      priority: 1,
      agent_id: fixture.users.ann,
      status: 'open',
      resolved_at: null,
    });
    const history = (await tickets.get(people.ann, ticket.id))!.history;
    expect(history.find((h) => h.field === 'email')?.new_value).toBe(
      `jo.bloggs@acorn.example: Ticket ${ticket.id} resolved: Password reset needed`,
    );
    const fields = history.map((h) => h.field);
    expect(fields.slice(-12)).toEqual([
      'quick_action',
      'status',
      'resolved_at',
      'email',
      'quick_action',
      'team_id',
      'agent_id',
      'status',
      'resolved_at',
      'priority',
      'response_due_at',
      'resolution_due_at',
    ]);
    await expect(
      tickets.runQuickAction(people.ann, { ticketId: ticket.id, key: 'close_it' }),
    ).rejects.toThrow(
      'unknown quick action "close_it"; available: escalate_to_network, resolve_and_notify',
    );
  });

  it('leaves the store as it was when any part of a write fails', async () => {
    const ticket = await newIncident('Shared drive missing');
    await fixture.store.tickets.assign(people.ann, ticket.id, { to: 'me' });
    const before = await everything();
    const { tickets } = fixture.store;
    const restoreHistory = await failInserts(fixture, 'desk_ticket_history');
    try {
      await expect(
        tickets.update(people.ann, ticket.id, { priority: 1, status: 'pending' }),
      ).rejects.toThrow();
      await expect(
        tickets.addNote(people.ann, { ticketId: ticket.id, body: 'Checking' }),
      ).rejects.toThrow();
      await expect(
        tickets.logTime(people.ann, { ticketId: ticket.id, minutes: 10 }),
      ).rejects.toThrow();
      await expect(newIncident('Never stored')).rejects.toThrow();
    } finally {
      await restoreHistory();
    }
    const restoreOutbox = await failInserts(fixture, 'desk_outbox');
    try {
      await expect(
        tickets.runQuickAction(people.ann, { ticketId: ticket.id, key: 'resolve_and_notify' }),
      ).rejects.toThrow();
    } finally {
      await restoreOutbox();
    }
    expect(await everything()).toEqual(before);
  });
});
