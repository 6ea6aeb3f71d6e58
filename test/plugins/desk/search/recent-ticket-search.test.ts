import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pauseRecentTicketSearch,
  rebuildRecentTicketSearch,
  recentTicketSearchIndex,
  recentTicketSearchWindow,
  refreshRecentTicketSearch,
} from '../../../../plugins/desk/search/recent-ticket-search.js';
import { postgresWindowQuery } from '../../../../plugins/desk/search/ticket-ranking.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openDeskTestDatabase, type DeskTestDatabase } from '../desk-test-database.js';
import { insertIncident, insertSearchPeople, type SearchPeople } from './search-fixture.js';

// The partial index is PostgreSQL's (SQLite has its own recent-ticket FTS5 index).
const postgres = testEngines.find((engine) => engine.engine === 'postgres')!;

/** An index of five tickets, so a dozen show the floor moving. */
const size = 5;

describe('the recent-ticket search index (PostgreSQL)', () => {
  let desk: DeskTestDatabase;
  let people: SearchPeople;

  const insert = (summary: string): Promise<number> => insertIncident(desk.db, people, summary);

  /** The index's definition as PostgreSQL prints it, or undefined when it does not exist. */
  const definition = async (): Promise<string | undefined> => {
    const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes
      where indexname = ${recentTicketSearchIndex}`.execute(desk.db);
    return rows[0]?.indexdef;
  };

  beforeAll(async () => {
    desk = await openDeskTestDatabase(postgres);
    people = await insertSearchPeople(desk.db);
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('is created by the migration over every ticket of an empty desk', async () => {
    expect(await recentTicketSearchWindow(desk.db)).toEqual({
      floor: 0,
      size: 100_000,
      newest: 0,
      indexed: true,
    });
    expect(await definition()).toMatch(/using gin \(search\) where \(id > 0\)$/i);
  });

  it('moves its floor to the newest tickets when rebuilt', async () => {
    await sql`update desk_tickets_recent_index set size = ${size}`.execute(desk.db);
    const ids: number[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(await insert(`Printer jams, report ${i}`));
    await rebuildRecentTicketSearch(desk.db);
    const newest = Math.max(...ids);
    expect(await recentTicketSearchWindow(desk.db)).toEqual({
      floor: newest - size,
      size,
      newest,
      indexed: true,
    });
    expect(await definition()).toMatch(new RegExp(`where \\(id > ${newest - size}\\)$`, 'i'));
  });

  it('is what the planner reads for a window above its floor, given as a value', async () => {
    // Two of the newest 600 tickets hold the word. With the whole-desk index out of the way (in a
    // transaction that is rolled back), the window reads 2 rows through the recent index or 600
    // through the primary key: the planner takes the recent index only if it can prove that
    // `id > floor` selects rows it holds, which a subquery for the floor would not let it do.
    for (let i = 0; i < 800; i += 1) {
      await insert(i === 700 || i === 790 ? `Scanner jams, sheet ${i}` : `Monitor flickers ${i}`);
    }
    await sql`update desk_tickets_recent_index set size = 600`.execute(desk.db);
    await rebuildRecentTicketSearch(desk.db);
    await sql`analyze desk_tickets`.execute(desk.db);
    const { floor } = await recentTicketSearchWindow(desk.db);
    const window = postgresWindowQuery(
      {
        filtered: desk.db.selectFrom('desk_tickets'),
        narrowed: false,
        search: { terms: ['scanner'], mode: 'all', prefix: false },
      },
      floor,
    );
    const rolledBack = new Error('roll back');
    let plan = '';
    await desk.db
      .transaction()
      .execute(async (trx) => {
        await sql`drop index desk_tickets_search_idx`.execute(trx);
        await sql`set local enable_seqscan = off`.execute(trx);
        await sql`set local enable_indexscan = off`.execute(trx);
        const { rows } = await sql<object>`explain (format json) ${window}`.execute(trx);
        plan = JSON.stringify(rows);
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    expect(plan).toContain(`"Index Name":"${recentTicketSearchIndex}"`);
    expect((await window.execute(desk.db)).rows).toHaveLength(2);
    await sql`update desk_tickets_recent_index set size = ${size}`.execute(desk.db);
    await rebuildRecentTicketSearch(desk.db);
  });

  it('is rebuilt once it spans more than twice its size, or when it is missing', async () => {
    expect(await refreshRecentTicketSearch(desk.db)).toBe(false);
    const later: number[] = [];
    for (let i = 0; i < 2 * size + 1; i += 1) later.push(await insert(`Monitor flickers ${i}`));
    expect(await refreshRecentTicketSearch(desk.db)).toBe(true);
    expect((await recentTicketSearchWindow(desk.db)).floor).toBe(Math.max(...later) - size);
    expect(await refreshRecentTicketSearch(desk.db)).toBe(false);

    await pauseRecentTicketSearch(desk.db);
    expect(await definition()).toBeUndefined();
    expect((await recentTicketSearchWindow(desk.db)).indexed).toBe(false);
    expect(await refreshRecentTicketSearch(desk.db)).toBe(true);
    expect(await definition()).toMatch(/using gin \(search\)/i);
  });
});
