import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pauseRecentTicketIndex,
  rebuildRecentTicketIndex,
} from '../../../../plugins/desk/search/recent-ticket-index.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openDeskTestDatabase, type DeskTestDatabase } from '../desk-test-database.js';
import { insertIncident, insertSearchPeople, type SearchPeople } from './search-fixture.js';

// The recent-ticket index is SQLite's (PostgreSQL ranks its window without one).
const sqlite = testEngines.find((engine) => engine.engine === 'sqlite')!;

/** A recent index of five tickets, so a dozen show how it follows new ones. */
const size = 5;

describe('the recent-ticket index (SQLite)', () => {
  let desk: DeskTestDatabase;
  let people: SearchPeople;

  const insert = (summary: string): Promise<number> => insertIncident(desk.db, people, summary);

  /** The ids the recent index finds for `word`, oldest first. */
  const indexed = async (word: string): Promise<number[]> =>
    (
      await sql<{ id: number }>`select rowid as id from desk_tickets_recent_fts
        where desk_tickets_recent_fts match ${word} order by rowid`.execute(desk.db)
    ).rows.map((row) => Number(row.id));

  /** The ids the whole index finds for `word`, oldest first: what the recent one must agree with. */
  const everywhere = async (word: string): Promise<number[]> =>
    (
      await sql<{ id: number }>`select rowid as id from desk_tickets_fts
        where desk_tickets_fts match ${word} order by rowid`.execute(desk.db)
    ).rows.map((row) => Number(row.id));

  beforeAll(async () => {
    desk = await openDeskTestDatabase(sqlite);
    people = await insertSearchPeople(desk.db);
    await sql`update desk_tickets_recent_index set size = ${size}`.execute(desk.db);
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('holds exactly the newest tickets as they are logged', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(await insert(`Printer jams, report ${i}`));
    expect(await indexed('printer')).toEqual(ids.slice(-size));
    expect(await everywhere('printer')).toEqual(ids);
  });

  it('follows a changed summary of a recent ticket and ignores an older one', async () => {
    const all = await everywhere('printer');
    const newest = all.at(-1)!;
    const oldest = all[0]!;
    await desk.db
      .updateTable('desk_tickets')
      .set({ summary: 'Scanner jams' })
      .where('id', 'in', [newest, oldest])
      .execute();
    expect(await indexed('scanner')).toEqual([newest]);
    expect(await indexed('printer')).toEqual(all.slice(-size, -1));
    expect(await everywhere('scanner')).toEqual([oldest, newest]);
  });

  it('forgets a deleted recent ticket', async () => {
    const [deleted] = await indexed('scanner');
    await desk.db.deleteFrom('desk_ticket_history').where('ticket_id', '=', deleted!).execute();
    await desk.db.deleteFrom('desk_tickets').where('id', '=', deleted!).execute();
    expect(await indexed('scanner')).toEqual([]);
  });

  it('skips new tickets while paused, and holds the newest again once rebuilt', async () => {
    await pauseRecentTicketIndex(desk.db);
    const loaded: number[] = [];
    for (let i = 0; i < 3; i += 1) loaded.push(await insert(`Monitor flickers ${i}`));
    expect(await indexed('monitor')).toEqual([]);
    await rebuildRecentTicketIndex(desk.db);
    // The floor counts ids, not rows: the deleted ticket's id still counts among the newest.
    const max = Math.max(...loaded);
    const newest = (await desk.db.selectFrom('desk_tickets').select('id').execute())
      .map((row) => Number(row.id))
      .filter((id) => id > max - size)
      .sort((a, b) => a - b);
    expect(await indexed('monitor')).toEqual(loaded);
    expect([...(await indexed('printer')), ...loaded].sort((a, b) => a - b)).toEqual(newest);
  });
});
