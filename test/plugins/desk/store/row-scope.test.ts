import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../helpers/test-databases.js';
import { openTicketFixture, people, type TicketFixture } from './ticket-fixture.js';

describe.each(testEngines)('ticket row scope on $engine', (engine) => {
  let fixture: TicketFixture;
  const ids = { jo: 0, sam: 0, kim: 0 };
  const missing = 999_999;

  beforeAll(async () => {
    fixture = await openTicketFixture(engine);
    const { tickets } = fixture.store;
    const log = (who: keyof typeof ids, summary: string) =>
      tickets.create(people[who], { type: 'incident', summary, details: `${summary} (details)` });
    ids.jo = (await log('jo', 'VPN drops on the London network')).id;
    ids.sam = (await log('sam', 'Printer on floor 2 jams')).id;
    ids.kim = (await log('kim', 'Confidential: payroll export fails')).id;
    await tickets.addNote(people.ann, {
      ticketId: ids.kim,
      body: 'Private: the payroll file is on \\\\hr-share',
      visibility: 'private',
    });
    await tickets.addNote(people.ann, {
      ticketId: ids.jo,
      body: 'Private triage',
      visibility: 'private',
    });
    await tickets.addNote(people.ann, { ticketId: ids.jo, body: 'We are looking into it' });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const snapshot = async (id: number) => ({
    ticket: await fixture.db
      .selectFrom('desk_tickets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst(),
    notes: await fixture.db
      .selectFrom('desk_notes')
      .selectAll()
      .where('ticket_id', '=', id)
      .execute(),
    history: await fixture.db
      .selectFrom('desk_ticket_history')
      .selectAll()
      .where('ticket_id', '=', id)
      .execute(),
    time: await fixture.db
      .selectFrom('desk_time_entries')
      .selectAll()
      .where('ticket_id', '=', id)
      .execute(),
    outbox: await fixture.db
      .selectFrom('desk_outbox')
      .selectAll()
      .where('ticket_id', '=', id)
      .execute(),
  });

  it("gives an end user 'not found' for every operation on another user's ticket, never the data", async () => {
    const { tickets, sla } = fixture.store;
    const before = await snapshot(ids.kim);
    for (const id of [ids.kim, missing]) {
      const notFound = `ticket ${id} not found`;
      expect(await tickets.get(people.jo, id)).toBeUndefined();
      const attempts: (() => Promise<unknown>)[] = [
        () => tickets.update(people.jo, id, { details: 'overwritten' }),
        () => tickets.update(people.jo, id, { status: 'closed', priority: 1 }),
        () => tickets.assign(people.jo, id, { to: 'me' }),
        () => tickets.addNote(people.jo, { ticketId: id, body: 'peek' }),
        () => tickets.addNote(people.jo, { ticketId: id, body: 'peek', visibility: 'private' }),
        () => tickets.runQuickAction(people.jo, { ticketId: id, key: 'resolve_and_notify' }),
        () => tickets.runQuickAction(people.jo, { ticketId: id, key: 'no_such_action' }),
        () => tickets.logTime(people.jo, { ticketId: id, minutes: 30 }),
      ];
      for (const attempt of attempts) {
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e as Error,
        );
        expect(error?.message).toBe(notFound);
        expect(JSON.stringify(error)).not.toMatch(/payroll|hr-share|Kim/);
      }
    }
    const listed = await tickets.list(people.jo, { requesterId: fixture.users.kim });
    expect(listed.tickets).toEqual([]);
    const all = await tickets.list(people.jo);
    expect(all.tickets.map((t) => t.id)).toEqual([ids.jo]);
    expect((await sla.alerts(people.jo)).map((a) => a.ticket.id)).not.toContain(ids.kim);
    expect(await snapshot(ids.kim)).toEqual(before);
  });

  it('lets an end user read their own ticket with public notes only', async () => {
    const detail = await fixture.store.tickets.get(people.jo, ids.jo);
    expect(detail?.ticket.summary).toBe('VPN drops on the London network');
    expect(detail?.notes.map((n) => n.body)).toEqual(['We are looking into it']);
    expect(detail?.history.map((h) => h.field)).toEqual(['created', 'note.public', 'responded_at']);
    const agentView = await fixture.store.tickets.get(people.ann, ids.jo);
    expect(agentView?.notes.map((n) => n.body)).toEqual([
      'Private triage',
      'We are looking into it',
    ]);
    expect(agentView?.history.map((h) => h.field)).toContain('note.private');
  });

  it("widens to the organisation's tickets with an :org extent, and no further", async () => {
    const { tickets } = fixture.store;
    expect(await tickets.get(people.jo, ids.sam)).toBeUndefined();
    expect((await tickets.get(people.joOrg, ids.sam))?.ticket.summary).toBe(
      'Printer on floor 2 jams',
    );
    expect(await tickets.get(people.joOrg, ids.kim)).toBeUndefined();
    const listed = await tickets.list(people.joOrg);
    expect(listed.tickets.map((t) => t.id).sort()).toEqual([ids.jo, ids.sam].sort());
    const updated = await tickets.update(people.joOrg, ids.sam, {
      details: 'Jams on A3 paper too',
    });
    expect(updated.details).toBe('Jams on A3 paper too');
    await expect(tickets.update(people.joOrg, ids.kim, { details: 'x' })).rejects.toThrow(
      `ticket ${ids.kim} not found`,
    );
  });

  it('says a ticket is read-only when the caller may read but not change it', async () => {
    const readsOrg = { ...people.jo, scopes: new Set(['tickets:read:org', 'tickets:write:own']) };
    await expect(
      fixture.store.tickets.addNote(readsOrg, { ticketId: ids.sam, body: 'me too' }),
    ).rejects.toThrow(`you can read ticket ${ids.sam} but not change it`);
  });

  it('lets agents and services reach every ticket', async () => {
    const { tickets } = fixture.store;
    for (const who of [people.ann, people.service]) {
      const listed = await tickets.list(who);
      expect(listed.tickets.map((t) => t.id).sort()).toEqual([ids.jo, ids.sam, ids.kim].sort());
      expect((await tickets.get(who, ids.kim))?.notes).toHaveLength(1);
    }
  });

  it('keeps triage for agents on an end user’s own ticket', async () => {
    const { tickets } = fixture.store;
    await expect(tickets.update(people.jo, ids.jo, { status: 'closed' })).rejects.toThrow(
      'you can change only the details of your ticket (not status)',
    );
    await expect(tickets.assign(people.jo, ids.jo, { to: 'me' })).rejects.toThrow(
      'assigning a ticket is for agents',
    );
    await expect(
      tickets.runQuickAction(people.jo, { ticketId: ids.jo, key: 'resolve_and_notify' }),
    ).rejects.toThrow('running a quick action is for agents');
    await expect(tickets.logTime(people.jo, { ticketId: ids.jo, minutes: 5 })).rejects.toThrow(
      'time:write',
    );
    await expect(
      tickets.addNote(people.jo, { ticketId: ids.jo, body: 'secret', visibility: 'private' }),
    ).rejects.toThrow('private notes are for agents');
    const own = await tickets.update(people.jo, ids.jo, {
      details: 'It drops every hour, on Wi-Fi and cable',
      status: undefined,
    });
    expect(own.details).toBe('It drops every hour, on Wi-Fi and cable');
    const note = await tickets.addNote(people.jo, {
      ticketId: ids.jo,
      body: 'It drops every hour',
    });
    expect(note).toMatchObject({ author_id: fixture.users.jo, visibility: 'public' });
  });

  it('refuses callers without a tickets scope and end users with no desk user', async () => {
    const noScope = { ...people.jo, scopes: new Set<string>() };
    await expect(fixture.store.tickets.get(noScope, ids.jo)).rejects.toThrow('tickets:read:own');
    await expect(fixture.store.tickets.update(noScope, ids.jo, { details: 'x' })).rejects.toThrow(
      'tickets:write:own',
    );
    const stranger = { ...people.jo, userId: 'nobody@acorn.example' };
    expect(await fixture.store.tickets.get(stranger, ids.jo)).toBeUndefined();
    expect((await fixture.store.tickets.list(stranger)).tickets).toEqual([]);
  });
});
