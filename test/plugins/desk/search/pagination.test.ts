import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskSearch, type DeskSearch } from '../../../../plugins/desk/search/desk-search.js';
import type { SearchResult } from '../../../../plugins/desk/search/search-types.js';
import { createDeskDirectory } from '../../../../plugins/desk/store/directory.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openDeskTestDatabase, type DeskTestDatabase } from '../desk-test-database.js';
import { insertArticle, insertSearchPeople, insertTicket, principalFor } from './search-fixture.js';

/** Every page of a search, following `nextOffset` until the last page. */
async function allPages<TRow extends { id: number }>(
  fetchPage: (offset: number) => Promise<SearchResult<TRow>>,
): Promise<{ ids: number[]; pages: number }> {
  const ids: number[] = [];
  let offset: number | null = 0;
  let pages = 0;
  while (offset !== null) {
    const page = await fetchPage(offset);
    pages += 1;
    expect(page.hits.length).toBeLessThanOrEqual(3);
    expect(page.hasMore).toBe(page.nextOffset !== null);
    ids.push(...page.hits.map((hit) => hit.row.id));
    offset = page.nextOffset;
  }
  return { ids, pages };
}

describe.each(testEngines)('search pagination on $engine', (testEngine) => {
  let desk: DeskTestDatabase;
  let search: DeskSearch;
  const agent = principalFor('dave@desk.example', { role: 'agent', scopes: ['tickets:read:all'] });
  const tied: number[] = [];
  let strongest = 0;
  const tiedArticles: number[] = [];

  beforeAll(async () => {
    desk = await openDeskTestDatabase(testEngine);
    const context = { db: desk.db, engine: desk.engine, now: () => new Date() };
    search = createDeskSearch(context, createDeskDirectory(context));
    const people = await insertSearchPeople(desk.db);
    const base = {
      requesterId: people.alice,
      organisationId: people.acorn,
      typeId: people.incident,
    };
    // Identical text scores identically: only the id can order these.
    for (let i = 0; i < 7; i += 1) {
      tied.push(
        await insertTicket(desk.db, {
          ...base,
          summary: 'Battery drains overnight',
          details: 'The laptop is flat every morning.',
          createdAt: '2026-02-01T09:00:00.000Z',
        }),
      );
    }
    strongest = await insertTicket(desk.db, {
      ...base,
      summary: 'Battery battery battery swollen',
      details: 'The battery is swollen and the battery lid bulges.',
      createdAt: '2026-03-01T09:00:00.000Z',
    });
    for (let i = 0; i < 5; i += 1) {
      tiedArticles.push(
        await insertArticle(desk.db, {
          slug: `battery-${i}`,
          title: 'Battery care',
          body: 'Keep the charge between twenty and eighty percent.',
        }),
      );
    }
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('pages ranked ticket hits without gaps or repeats, ties in id order', async () => {
    const { ids, pages } = await allPages((offset) =>
      search.searchTickets(agent, { text: 'battery', limit: 3, offset }),
    );
    expect(pages).toBe(3);
    expect(ids).toEqual([strongest, ...tied]);
    // The same page asked twice is the same page.
    const again = await search.searchTickets(agent, { text: 'battery', limit: 3, offset: 3 });
    expect(again.hits.map((hit) => hit.row.id)).toEqual(ids.slice(3, 6));
  });

  it('pages filter-only listings by creation time, then id', async () => {
    const { ids } = await allPages((offset) =>
      search.searchTickets(agent, { limit: 3, offset, createdTo: '2026-02-01T10:00:00.000Z' }),
    );
    expect(ids).toEqual([...tied].reverse());
  });

  it('pages article hits with ties in id order', async () => {
    const { ids, pages } = await allPages((offset) =>
      search.searchArticles(agent, { text: 'battery charge', limit: 3, offset }),
    );
    expect(pages).toBe(2);
    expect(ids).toEqual(tiedArticles);
  });

  it('clamps a silly limit and offset instead of failing', async () => {
    const huge = await search.searchTickets(agent, { text: 'battery', limit: 10_000 });
    expect(huge.hits).toHaveLength(8);
    const negative = await search.searchTickets(agent, { text: 'battery', limit: -5, offset: -2 });
    expect(negative.hits.map((hit) => hit.row.id)).toEqual([strongest]);
    const beyond = await search.searchTickets(agent, { text: 'battery', offset: 500 });
    expect(beyond).toEqual({ hits: [], hasMore: false, nextOffset: null, truncated: false });
    for (const offset of [2 ** 60, 1e20, Number.NaN]) {
      const page = await search.searchTickets(agent, { text: 'battery', offset });
      expect(page.hasMore).toBe(false);
    }
  });
});
