import { sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import type { DeskTables } from '../schema/tables.js';
import { recentTicketIndexSize } from './recent-ticket-index.js';

/**
 * PostgreSQL's index of recent tickets: a partial GIN index over `desk_tickets.search` for the
 * ids above the floor kept in `desk_tickets_recent_index` (ADR 0019).
 */
export const recentTicketSearchIndex = 'desk_tickets_recent_search_idx';

// Arbitrary but fixed: two servers refreshing the index at start take turns.
const refreshLockKey = 7_240_313;

/** Where the recent-ticket index of PostgreSQL starts and how many tickets it aims to hold. */
export interface RecentTicketSearchWindow {
  /** The index holds the tickets whose id is above this. */
  readonly floor: number;
  readonly size: number;
  /** The newest ticket id, 0 for an empty desk. */
  readonly newest: number;
  /** False while the index is paused (a bulk load, or one that died before its rebuild). */
  readonly indexed: boolean;
}

/**
 * The floor, size and newest ticket id, in one small read: a ranked search passes the floor to
 * its query as a value, so the planner can prove the partial index applies.
 *
 * @example
 * const { floor } = await recentTicketSearchWindow(db); // then `where id > ${floor}`
 */
export async function recentTicketSearchWindow(
  db: QueryExecutorProvider,
): Promise<RecentTicketSearchWindow> {
  const { rows } = await sql<{
    floor: number | string;
    size: number | string;
    newest: number | string | null;
    indexed: boolean;
  }>`select floor, size, (select max(id) from desk_tickets) as newest,
      to_regclass(${recentTicketSearchIndex}) is not null as indexed
    from desk_tickets_recent_index`.execute(db);
  const row = rows[0];
  return {
    floor: Number(row?.floor ?? 0),
    size: Number(row?.size ?? recentTicketIndexSize),
    newest: Number(row?.newest ?? 0),
    indexed: row?.indexed === true,
  };
}

/**
 * Creates the floor table and the index over the tickets already there (migration 0009).
 *
 * @example
 * await createRecentTicketSearch(trx);
 */
export async function createRecentTicketSearch(db: QueryExecutorProvider): Promise<void> {
  await sql`create table desk_tickets_recent_index (floor bigint not null, size integer not null)`.execute(
    db,
  );
  await sql`insert into desk_tickets_recent_index (floor, size)
    values (0, ${recentTicketIndexSize})`.execute(db);
  await rebuildRecentTicketSearch(db);
}

/**
 * Drops the index before a bulk load, so a million inserts maintain one GIN index, not two;
 * searches stay correct meanwhile (they read the whole index) until
 * {@link rebuildRecentTicketSearch}.
 *
 * @example
 * await pauseRecentTicketSearch(trx); // then insert a million tickets
 */
export async function pauseRecentTicketSearch(db: QueryExecutorProvider): Promise<void> {
  await sql`drop index if exists ${sql.id(recentTicketSearchIndex)}`.execute(db);
}

/**
 * Moves the floor to the newest `size` tickets and builds the index above it. The floor is part
 * of the index's definition, so it is written into the statement as a literal, from a number.
 *
 * @example
 * await rebuildRecentTicketSearch(trx); // after a bulk load
 */
export async function rebuildRecentTicketSearch(db: QueryExecutorProvider): Promise<void> {
  const { rows } = await sql<{ floor: number | string }>`update desk_tickets_recent_index
    set floor = greatest(0, coalesce((select max(id) from desk_tickets), 0) - size)
    returning floor`.execute(db);
  const floor = Number(rows[0]?.floor ?? 0);
  if (!Number.isSafeInteger(floor)) throw new RangeError(`recent-ticket floor ${floor}`);
  await pauseRecentTicketSearch(db);
  await sql`create index ${sql.id(recentTicketSearchIndex)} on desk_tickets
    using gin (search) where id > ${sql.lit(floor)}`.execute(db);
}

const nextIndex = `${recentTicketSearchIndex}_next`;

function isStale({ floor, size, newest, indexed }: RecentTicketSearchWindow): boolean {
  return !indexed || newest - floor > 2 * size;
}

/**
 * New tickets join the index as they are written, so it grows; once it spans more than twice its
 * size, or when it is missing, this rebuilds it over the newest tickets without blocking ticket
 * writes: the new index is built concurrently beside the old one and swapped in with the floor in
 * one short transaction. One server at a time (an advisory lock); returns whether it rebuilt.
 *
 * @example
 * if (engine === 'postgres') await refreshRecentTicketSearch(db);
 */
export async function refreshRecentTicketSearch(db: Kysely<DeskTables>): Promise<boolean> {
  if (!isStale(await recentTicketSearchWindow(db))) return false;
  // A session lock, held on one connection across the build and the swap.
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ locked: boolean }>`select
      pg_try_advisory_lock(${refreshLockKey}) as locked`.execute(connection);
    if (rows[0]?.locked !== true) return false;
    // Building an index over many tickets takes longer than a tool call's statement may.
    await sql`set statement_timeout = 0`.execute(connection);
    try {
      const window = await recentTicketSearchWindow(connection);
      if (!isStale(window)) return false; // another server has just rebuilt it
      const floor = Math.max(0, window.newest - window.size);
      // Left over (invalid) when a concurrent build died; it must go before a new one.
      await sql`drop index if exists ${sql.id(nextIndex)}`.execute(connection);
      await sql`create index concurrently ${sql.id(nextIndex)} on desk_tickets
        using gin (search) where id > ${sql.lit(floor)}`.execute(connection);
      await connection.transaction().execute(async (trx) => {
        // Dropping the old index waits for the searches using it; new ones queue behind it.
        await sql`set local lock_timeout = '5s'`.execute(trx);
        await pauseRecentTicketSearch(trx);
        await sql`alter index ${sql.id(nextIndex)}
          rename to ${sql.id(recentTicketSearchIndex)}`.execute(trx);
        await sql`update desk_tickets_recent_index set floor = ${floor}`.execute(trx);
      });
      return true;
    } finally {
      await sql`reset statement_timeout`.execute(connection);
      await sql`select pg_advisory_unlock(${refreshLockKey})`.execute(connection);
    }
  });
}
