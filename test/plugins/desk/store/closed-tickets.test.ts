import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../helpers/test-databases.js';
import { fixtureNow, openTicketFixture, people, type TicketFixture } from './ticket-fixture.js';

const at = fixtureNow.toISOString();

describe.each(testEngines)('closed and resolved tickets on $engine', (engine) => {
  let fixture: TicketFixture;
  let closed: number;
  let articleId: number;

  beforeAll(async () => {
    fixture = await openTicketFixture(engine);
    const ticket = await fixture.store.tickets.create(people.jo, {
      type: 'incident',
      summary: 'Old VPN token',
      details: 'Replaced since',
    });
    await fixture.store.tickets.update(people.ann, ticket.id, { status: 'closed' });
    closed = ticket.id;
    articleId = (
      await fixture.db
        .insertInto('desk_kb_articles')
        .values({
          slug: 'vpn-tokens',
          title: 'Renewing a VPN token',
          body: 'Open the portal.',
          tags: '["vpn"]',
          category: 'Network',
          published: 1,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const everything = async () => ({
    tickets: await fixture.db.selectFrom('desk_tickets').selectAll().orderBy('id').execute(),
    history: await fixture.db.selectFrom('desk_ticket_history').selectAll().orderBy('id').execute(),
    notes: await fixture.db.selectFrom('desk_notes').selectAll().orderBy('id').execute(),
    outbox: await fixture.db.selectFrom('desk_outbox').selectAll().orderBy('id').execute(),
    time: await fixture.db.selectFrom('desk_time_entries').selectAll().orderBy('id').execute(),
  });

  const refusal = () =>
    `ticket ${closed} is closed; raise a new ticket with create_ticket and mention #${closed}`;

  it('refuses every write on a closed ticket, by anyone, and writes nothing', async () => {
    const { tickets } = fixture.store;
    const before = await everything();
    const writes: [string, () => Promise<unknown>][] = [
      ['reopen by status', () => tickets.update(people.ann, closed, { status: 'open' })],
      ['change details', () => tickets.update(people.jo, closed, { details: 'Still broken' })],
      ['agent note', () => tickets.addNote(people.ann, { ticketId: closed, body: 'Checked' })],
      ['requester note', () => tickets.addNote(people.jo, { ticketId: closed, body: 'Again' })],
      ['log time', () => tickets.logTime(people.ann, { ticketId: closed, minutes: 15 })],
      ['assign', () => tickets.assign(people.ann, closed, { to: 'me' })],
      [
        'quick action',
        () => tickets.runQuickAction(people.ann, { ticketId: closed, key: 'escalate_to_network' }),
      ],
      [
        'article e-mail about it',
        () =>
          fixture.store.knowledge.emailArticle(people.ann, {
            article: articleId,
            ticketId: closed,
          }),
      ],
    ];
    for (const [what, write] of writes) {
      await expect(write(), what).rejects.toThrow(refusal());
    }
    expect(await everything()).toEqual(before);
  });

  it('answers "not found" for a closed ticket out of reach, as for any other', async () => {
    await expect(
      fixture.store.tickets.addNote(people.kim, { ticketId: closed, body: 'Mine?' }),
    ).rejects.toThrow(`ticket ${closed} not found`);
  });

  it('still reads a closed ticket', async () => {
    const detail = await fixture.store.tickets.get(people.jo, closed);
    expect(detail?.ticket).toMatchObject({ status: 'closed', resolved_at: at });
  });

  it("reopens a resolved ticket on its requester's note and clears resolved_at", async () => {
    const { tickets } = fixture.store;
    const ticket = await tickets.create(people.jo, {
      type: 'incident',
      summary: 'Screen flickers',
      details: 'After the update',
    });
    await tickets.update(people.ann, ticket.id, { status: 'resolved' });
    await tickets.addNote(people.jo, { ticketId: ticket.id, body: 'It is back again' });
    const detail = await tickets.get(people.ann, ticket.id);
    expect(detail?.ticket).toMatchObject({ status: 'open', resolved_at: null });
    expect(detail?.history.slice(-2)).toEqual([
      expect.objectContaining({ field: 'status', old_value: 'resolved', new_value: 'open' }),
      expect.objectContaining({ field: 'resolved_at', old_value: at, new_value: null }),
    ]);
  });

  it('lets agents note, log time on and reopen a resolved ticket; their note leaves it resolved', async () => {
    const { tickets } = fixture.store;
    const ticket = await tickets.create(people.jo, {
      type: 'incident',
      summary: 'Dock not charging',
      details: 'USB-C dock',
    });
    await tickets.update(people.ann, ticket.id, { status: 'resolved' });
    await tickets.addNote(people.ann, { ticketId: ticket.id, body: 'Replaced the dock' });
    await tickets.logTime(people.ann, { ticketId: ticket.id, minutes: 20 });
    expect((await tickets.get(people.ann, ticket.id))?.ticket.status).toBe('resolved');
    const reopened = await tickets.update(people.ann, ticket.id, { status: 'open' });
    expect(reopened).toMatchObject({ status: 'open', resolved_at: null });
    // Closing is the agent's last word: after it, nothing more is written.
    await tickets.update(people.ann, ticket.id, { status: 'closed' });
    await expect(tickets.update(people.ann, ticket.id, { status: 'open' })).rejects.toThrow(
      `ticket ${ticket.id} is closed`,
    );
  });
});
