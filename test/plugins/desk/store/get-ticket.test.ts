import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../helpers/test-databases.js';
import { openTicketFixture, people, type TicketFixture } from './ticket-fixture.js';

// On PostgreSQL a ticket by id is one statement whose notes and history arrive as JSON arrays
// (ADR 0035); they must read exactly as the rows do, on both engines.
describe.each(testEngines)('a ticket by id on $engine', (engine) => {
  let fixture: TicketFixture;
  let id = 0;
  let bare = 0;
  let elsewhere = 0;

  beforeAll(async () => {
    fixture = await openTicketFixture(engine);
    const { tickets } = fixture.store;
    const log = (who: 'jo' | 'kim', summary: string) =>
      tickets.create(people[who], { type: 'incident', summary, details: `${summary} (details)` });
    id = (await log('jo', 'VPN drops every hour')).id;
    bare = (await log('jo', 'Nothing hangs off this one')).id;
    elsewhere = (await log('kim', 'Payroll export fails')).id;
    await tickets.addNote(people.ann, {
      ticketId: id,
      body: 'Private triage',
      visibility: 'private',
    });
    await tickets.addNote(people.ann, { ticketId: id, body: 'We are looking into it' });
    await tickets.addNote(people.jo, { ticketId: id, body: 'Still dropping — "quoted" \\ text' });
    await tickets.logTime(people.ann, { ticketId: id, minutes: 30, note: 'Checked the tunnel' });
    await tickets.logTime(people.ann, { ticketId: id, minutes: 15, note: 'Rebooted the gateway' });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const rows = async (ticketId: number) => ({
    notes: await fixture.db
      .selectFrom('desk_notes')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    history: await fixture.db
      .selectFrom('desk_ticket_history')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  });

  it('gives staff every note and history row, as the rows read, with the minutes logged', async () => {
    const detail = await fixture.store.tickets.get(people.ann, id);
    const expected = await rows(id);
    expect(detail?.notes).toStrictEqual(expected.notes);
    expect(detail?.history).toStrictEqual(expected.history);
    expect(detail?.notes).toHaveLength(3);
    expect(detail?.minutes_logged).toBe(45);
    expect(detail?.ticket.id).toBe(id);
  });

  it('gives the requester the public notes and no history of private notes', async () => {
    const detail = await fixture.store.tickets.get(people.jo, id);
    const expected = await rows(id);
    expect(detail?.notes).toStrictEqual(expected.notes.filter((n) => n.visibility === 'public'));
    expect(detail?.history).toStrictEqual(
      expected.history.filter((h) => h.field !== 'note.private'),
    );
    expect(detail?.history.length).toBeLessThan(expected.history.length);
  });

  it('gives empty lists and no minutes for a ticket with nothing attached', async () => {
    const detail = await fixture.store.tickets.get(people.jo, bare);
    expect(detail?.notes).toStrictEqual([]);
    expect(detail?.minutes_logged).toBe(0);
    expect(detail?.history).toStrictEqual((await rows(bare)).history);
  });

  it('keeps row scope in the statement: out of reach reads as not found', async () => {
    expect(await fixture.store.tickets.get(people.jo, elsewhere)).toBeUndefined();
    expect(await fixture.store.tickets.get(people.jo, 999_999)).toBeUndefined();
    expect((await fixture.store.tickets.get(people.kim, elsewhere))?.ticket.id).toBe(elsewhere);
  });
});
