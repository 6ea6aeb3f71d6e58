import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildLearnedTicketText } from '../../../../plugins/desk/store/learned-ticket-text.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openTicketFixture, people, principalFor, type TicketFixture } from './ticket-fixture.js';

describe.each(testEngines)('past tickets learn from later ones on $engine', (testEngine) => {
  let fixture: TicketFixture;
  const ids: Record<'earlier' | 'later' | 'otherOrg' | 'unrelated', number> = {
    earlier: 0,
    later: 0,
    otherOrg: 0,
    unrelated: 0,
  };
  const jo = principalFor('jo.bloggs@acorn.example', {
    scopes: ['tickets:read:org', 'tickets:write:own'],
  });

  const learned = async (ticketId: number) =>
    (
      await fixture.db
        .selectFrom('desk_ticket_learned')
        .select('learned_text')
        .where('ticket_id', '=', ticketId)
        .executeTakeFirst()
    )?.learned_text;

  const raise = async (who: typeof people.jo, summary: string) =>
    (await fixture.store.tickets.create(who, { type: 'incident', summary, details: 'Today.' })).id;

  const searchIds = async (who: typeof people.jo, text: string) =>
    (await fixture.store.search.searchTickets(who, { text })).hits.map((hit) => hit.row.id);

  beforeAll(async () => {
    fixture = await openTicketFixture(testEngine);
    ids.earlier = await raise(people.jo, 'Reception printer jams');
    ids.unrelated = await raise(people.jo, 'Smudges on the meeting room whiteboard');
    ids.later = await raise(people.sam, 'Toner smudges on every page');
    ids.otherOrg = await raise(people.kim, 'Laser printer leaves streaks');
    // Tickets without the words, so that bm25 sees them as rare (it ignores a word in half the rows).
    for (const summary of ['Mouse stopped', 'Wifi slow', 'Teams echo', 'VPN drops', 'New laptop']) {
      await raise(people.kim, summary);
    }
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('learns a later ticket’s summary when it is resolved, from a private note naming it', async () => {
    await fixture.store.tickets.addNote(people.ann, {
      ticketId: ids.later,
      body: `Same printer as #${ids.earlier}; replaced the fuser.`,
      visibility: 'private',
    });
    expect(await learned(ids.earlier)).toBeUndefined();
    await fixture.store.tickets.update(people.ann, ids.later, { status: 'resolved' });
    expect(await learned(ids.earlier)).toBe('Toner smudges on every page');
  });

  it('links only earlier tickets of the same organisation', async () => {
    await fixture.store.tickets.addNote(people.ann, {
      ticketId: ids.otherOrg,
      body: `Like ticket ${ids.earlier} at Acorn, and #${ids.later}.`,
    });
    await fixture.store.tickets.update(people.ann, ids.otherOrg, { status: 'resolved' });
    expect(await learned(ids.earlier)).toBe('Toner smudges on every page');
    const links = await fixture.db
      .selectFrom('desk_ticket_links')
      .select(['ticket_id', 'from_ticket_id'])
      .execute();
    expect(links.map((l) => [Number(l.ticket_id), Number(l.from_ticket_id)])).toEqual([
      [ids.earlier, ids.later],
    ]);
  });

  it('lets staff find the earlier ticket by the later one’s words, below a summary match', async () => {
    const found = await searchIds(people.ann, 'smudges');
    // The two tickets with the word in their summary first, then the one that learned it.
    expect(found.slice(0, 2).sort()).toEqual([ids.later, ids.unrelated].sort());
    expect(found.slice(2)).toEqual([ids.earlier]);
    const [learnedHit] = (
      await fixture.store.search.searchTickets(people.ann, { text: 'fuser smudges', match: 'any' })
    ).hits.filter((hit) => hit.row.id === ids.earlier);
    // Its snippet is its own text, never the later ticket's words.
    expect(learnedHit?.snippet).toMatch(/^Reception printer jams/);
    expect(learnedHit?.snippet).not.toMatch(/smudges|toner/i);
  });

  it('gives end users nothing from their colleagues’ tickets', async () => {
    // Jo reads her organisation's tickets, yet her own ticket is not found by Sam's words.
    expect((await searchIds(jo, 'smudges')).sort()).toEqual([ids.later, ids.unrelated].sort());
    expect(await searchIds(jo, 'toner')).toEqual([ids.later]);
  });

  it('forgets a later ticket that is reopened, and learns at once from a note on a solved one', async () => {
    await fixture.store.tickets.addNote(people.sam, {
      ticketId: ids.later,
      body: 'Still smudged.',
    });
    expect(await learned(ids.earlier)).toBeUndefined();
    expect(await searchIds(people.ann, 'toner')).toEqual([ids.later]);
    await fixture.store.tickets.update(people.ann, ids.unrelated, { status: 'resolved' });
    await fixture.store.tickets.addNote(people.ann, {
      ticketId: ids.unrelated,
      body: `Not the same as ticket #${ids.earlier} after all.`,
    });
    expect(await learned(ids.earlier)).toBe('Smudges on the meeting room whiteboard');
  });

  it('rebuilds the links and learned text from the notes in the desk', async () => {
    await fixture.store.tickets.update(people.ann, ids.later, { status: 'resolved' });
    const both = 'Toner smudges on every page\nSmudges on the meeting room whiteboard';
    expect(await learned(ids.earlier)).toBe(both);
    await fixture.db.deleteFrom('desk_ticket_learned').execute();
    await fixture.db.deleteFrom('desk_ticket_links').execute();
    expect(await rebuildLearnedTicketText(fixture.db)).toEqual({ links: 2 });
    expect(await learned(ids.earlier)).toBe(both);
    expect(await searchIds(people.ann, 'toner')).toEqual([ids.later, ids.earlier]);
  });
});
