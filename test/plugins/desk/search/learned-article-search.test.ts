import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relearnArticles } from '../../../../plugins/desk/knowledge/learned-article-text.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openTicketFixture, people, type TicketFixture } from '../store/ticket-fixture.js';
import { insertArticle } from './search-fixture.js';

describe.each(testEngines)('knowledge-base search with learned text on $engine', (testEngine) => {
  let fixture: TicketFixture;
  const ids: Record<'learned' | 'title' | 'body', number> = { learned: 0, title: 0, body: 0 };

  const search = async (who: typeof people.ann, text: string) =>
    (await fixture.store.search.searchArticles(who, { text })).hits;

  /** A ticket Jo raised, resolved by Ann with a public note pointing to the VPN article. */
  const resolvedWithArticle = async (summary: string) => {
    const ticket = await fixture.store.tickets.create(people.jo, {
      type: 'incident',
      summary,
      details: 'Since Monday.',
    });
    await fixture.store.tickets.update(people.ann, ticket.id, { status: 'resolved' });
    await fixture.store.tickets.addNote(people.ann, {
      ticketId: ticket.id,
      body: 'Switched you to TCP, see /kb/vpn-keeps-dropping.',
    });
  };

  beforeAll(async () => {
    fixture = await openTicketFixture(testEngine);
    ids.learned = await insertArticle(fixture.db, {
      slug: 'vpn-keeps-dropping',
      title: 'VPN keeps dropping',
      body: 'Switch the client to TCP and update the network driver.',
    });
    ids.title = await insertArticle(fixture.db, {
      slug: 'tunnel-client-setup',
      title: 'Setting up the tunnel client',
      body: 'Install it from the company portal.',
    });
    ids.body = await insertArticle(fixture.db, {
      slug: 'working-from-home',
      title: 'Working from home checklist',
      body: 'Check your broadband, then open the tunnel before Outlook.',
    });
    // Three tickets in the customers' own words, none of which the VPN article uses.
    await resolvedWithArticle('Tunnel disconnects every hour');
    await resolvedWithArticle('Tunnel drops on hotel wifi');
    await resolvedWithArticle('Remote tunnel keeps cutting out');
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('finds an article by the words of the tickets it resolved, between title and body', async () => {
    const hits = await search(people.ann, 'tunnel');
    expect(hits.map((hit) => hit.row.id)).toEqual([ids.title, ids.learned, ids.body]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[1]!.score).toBeGreaterThan(hits[2]!.score);
  });

  it('finds an article by a word of just one of its tickets, beside a body match', async () => {
    const hits = await search(people.ann, 'hotel');
    expect(hits.map((hit) => hit.row.id)).toEqual([ids.learned]);
    await fixture.db
      .updateTable('desk_kb_articles')
      .set({ body: 'Check-in first, then connect from the hotel.' })
      .where('id', '=', ids.body)
      .execute();
    try {
      // The order is each engine's: SQLite's bm25 puts one learned ticket above a body match,
      // PostgreSQL counts a learned word by its share of the learned text (here 1 in 12).
      const both = await search(people.ann, 'hotel');
      expect(both.map((hit) => hit.row.id).sort()).toEqual([ids.learned, ids.body].sort());
    } finally {
      await fixture.db
        .updateTable('desk_kb_articles')
        .set({ body: 'Check your broadband, then open the tunnel before Outlook.' })
        .where('id', '=', ids.body)
        .execute();
    }
  });

  it('never cuts a snippet from the learned text', async () => {
    const [hit] = await search(people.ann, 'hotel');
    expect(hit?.row.id).toBe(ids.learned);
    // The article's own opening (SQLite: its title), never the tickets' words.
    expect(hit?.snippet).toMatch(/^VPN keeps dropping/);
    expect(hit?.snippet).not.toMatch(/hotel|tunnel/i);
  });

  it('gives end users nothing from other tickets: no match and no rank on the learned text', async () => {
    const hits = await search(people.kim, 'tunnel');
    expect(hits.map((hit) => hit.row.id)).toEqual([ids.title, ids.body]);
    expect(await search(people.kim, 'hotel')).toEqual([]);
    // A word of both the article ("dropping") and its learned text ("drops") ranks for an end
    // user exactly as if nothing had been learned: neither its words nor its length count.
    const [forEndUser] = await search(people.kim, 'drops');
    expect(forEndUser?.row.id).toBe(ids.learned);
    await fixture.db.updateTable('desk_kb_articles').set({ learned_text: '' }).execute();
    try {
      const [unlearned] = await search(people.kim, 'drops');
      expect(forEndUser!.score).toBeCloseTo(unlearned!.score, 9);
    } finally {
      await relearnArticles(fixture.db, [ids.learned]);
    }
  });

  it('lets staff match on learned words together with authored ones', async () => {
    const hits = await search(people.ann, 'tcp hotel');
    expect(hits.map((hit) => hit.row.id)).toEqual([ids.learned]);
    expect(await search(people.kim, 'tcp hotel')).toEqual([]);
  });
});
