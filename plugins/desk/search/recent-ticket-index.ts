import { sql, type QueryExecutorProvider, type RawBuilder } from 'kysely';

/**
 * How many of the newest tickets SQLite's recent-ticket index holds. A ranked search reads it
 * first: bm25 counts, on every query, the tickets that hold each word, so its cost grows with
 * the whole desk; over the newest 100,000 tickets it is a third of that on a million (ADR 0018).
 */
export const recentTicketIndexSize = 100_000;

// Beyond any ticket id: while it is the floor, new tickets skip the index (a bulk load).
const pausedFloor = 9_007_199_254_740_991;

// Fixed SQL only: the schema builder has no words for FTS5 or triggers.
/**
 * SQLite: the recent-ticket index — an external-content FTS5 table holding exactly the tickets
 * whose id is above a floor kept in `desk_tickets_recent_index`, and the triggers that keep it
 * so as tickets are written. Each new ticket moves the floor up to keep the newest `size` ids.
 *
 * @example
 * for (const statement of recentTicketIndexStatements) await statement.execute(db);
 */
export const recentTicketIndexStatements: readonly RawBuilder<unknown>[] = [
  sql`create table desk_tickets_recent_index (floor integer not null, size integer not null)`,
  sql`insert into desk_tickets_recent_index (floor, size) values (0, ${recentTicketIndexSize})`,
  sql`create virtual table desk_tickets_recent_fts using fts5(
    summary, details, content='desk_tickets', content_rowid='id', tokenize='porter unicode61')`,
  sql`create trigger desk_tickets_recent_insert after insert on desk_tickets
    when new.id > (select floor from desk_tickets_recent_index) begin
    insert into desk_tickets_recent_fts(rowid, summary, details)
      values (new.id, new.summary, new.details);
    insert into desk_tickets_recent_fts(desk_tickets_recent_fts, rowid, summary, details)
      select 'delete', id, summary, details from desk_tickets
      where id > (select floor from desk_tickets_recent_index)
        and id <= new.id - (select size from desk_tickets_recent_index);
    update desk_tickets_recent_index set floor = new.id - size where new.id - size > floor;
  end`,
  sql`create trigger desk_tickets_recent_delete after delete on desk_tickets
    when old.id > (select floor from desk_tickets_recent_index) begin
    insert into desk_tickets_recent_fts(desk_tickets_recent_fts, rowid, summary, details)
      values ('delete', old.id, old.summary, old.details);
  end`,
  sql`create trigger desk_tickets_recent_update after update of summary, details on desk_tickets
    when old.id > (select floor from desk_tickets_recent_index) begin
    insert into desk_tickets_recent_fts(desk_tickets_recent_fts, rowid, summary, details)
      values ('delete', old.id, old.summary, old.details);
    insert into desk_tickets_recent_fts(rowid, summary, details)
      values (new.id, new.summary, new.details);
  end`,
];

/**
 * Stops the recent-ticket index following new tickets, before a bulk load; searches stay correct
 * meanwhile (they fall back to the whole index) until {@link rebuildRecentTicketIndex}.
 *
 * @example
 * await pauseRecentTicketIndex(trx); // then insert a million tickets
 */
export async function pauseRecentTicketIndex(db: QueryExecutorProvider): Promise<void> {
  await sql`update desk_tickets_recent_index set floor = ${pausedFloor}`.execute(db);
}

/**
 * Refills the recent-ticket index with the newest `size` tickets and merges it into one segment.
 *
 * @example
 * await rebuildRecentTicketIndex(db); // after a bulk load, or when the index is first created
 */
export async function rebuildRecentTicketIndex(db: QueryExecutorProvider): Promise<void> {
  await sql`insert into desk_tickets_recent_fts(desk_tickets_recent_fts) values ('delete-all')`.execute(
    db,
  );
  await sql`update desk_tickets_recent_index
    set floor = max(0, coalesce((select max(id) from desk_tickets), 0) - size)`.execute(db);
  await sql`insert into desk_tickets_recent_fts(rowid, summary, details)
    select id, summary, details from desk_tickets
    where id > (select floor from desk_tickets_recent_index) order by id`.execute(db);
  await sql`insert into desk_tickets_recent_fts(desk_tickets_recent_fts) values ('optimize')`.execute(
    db,
  );
}
