import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { DeskTables } from '../schema/tables.js';
import type { DeskStoreContext } from '../store/store-context.js';
import { postgresTsQuery } from './postgres-query.js';
import { fts5MatchExpression, type TextQuery } from './search-terms.js';

/**
 * How many matching tickets one text search ranks: the newest this many. Ranking every match of
 * a common word in a million tickets costs a score per match (about 50 ms in SQLite for 30,000
 * matches); ranking a fixed window keeps a search's cost flat as the desk grows, and recent
 * tickets are the ones a service desk searches for. Older ones are reached with a date filter.
 */
export const ticketRankingWindow = 1000;

/** One ranked ticket: its id and relevance (higher is better). */
export interface RankedTicket {
  readonly id: number;
  readonly score: number;
}

/** What to rank: the tickets a query selects, and whether it selects fewer than all of them. */
export interface TicketRankingRequest {
  /** `desk_tickets` with the search's filters and the caller's row scope. */
  readonly filtered: SelectQueryBuilder<DeskTables, 'desk_tickets', object>;
  /** False when there is no filter and the caller sees every ticket: no row need be looked up. */
  readonly narrowed: boolean;
  readonly search: TextQuery;
}

// bm25 weights per FTS5 column (summary, details): a word in the summary counts ten times.
const ticketWeights = sql`10.0, 1.0`;

/** The newest window of matches in one SQLite full-text index, with bm25 over that index. */
async function sqliteWindow(
  { db }: DeskStoreContext,
  index: 'desk_tickets_recent_fts' | 'desk_tickets_fts',
  { filtered, narrowed, search }: TicketRankingRequest,
): Promise<RankedTicket[]> {
  const fts = sql.table(index);
  // The match is read newest first and stops at the window; the filters are checked per match.
  const scoped = narrowed
    ? sql`and exists ${filtered
        .select(sql<number>`1`.as('one'))
        .where('desk_tickets.id', '=', sql<number>`${fts}.rowid`)}`
    : sql``;
  const { rows } = await sql<{ id: number; rank: number }>`select rowid as id,
      bm25(${fts}, ${ticketWeights}) as rank from ${fts}
      where ${fts} match ${fts5MatchExpression(search)} ${scoped}
      order by rowid desc limit ${ticketRankingWindow}`.execute(db);
  // bm25 is lower-is-better and negative; its negation is a higher-is-better score.
  return rows.map((row) => ({ id: Number(row.id), score: -Number(row.rank) }));
}

async function rankInSqlite(
  context: DeskStoreContext,
  request: TicketRankingRequest,
): Promise<RankedTicket[]> {
  // The recent-ticket index holds every ticket above its floor, so a full window there is the
  // newest window of the whole desk; bm25's word counts then cover recent tickets only (ADR 0018).
  const recent = await sqliteWindow(context, 'desk_tickets_recent_fts', request);
  if (recent.length === ticketRankingWindow) return recent;
  return sqliteWindow(context, 'desk_tickets_fts', request);
}

/**
 * PostgreSQL: the newest window of matches (id and text vector), above `floor` when given.
 *
 * @example
 * sql`select w.id from (${postgresMatchWindow(request, floor)}) as w`
 */
export function postgresMatchWindow(
  { filtered, search }: Omit<TicketRankingRequest, 'narrowed'>,
  floor: number | undefined,
) {
  let window = filtered
    .select(['desk_tickets.id', sql<unknown>`desk_tickets.search`.as('search')])
    .where(sql<boolean>`desk_tickets.search @@ ${postgresTsQuery(search)}`)
    .orderBy('desk_tickets.id', 'desc')
    .limit(ticketRankingWindow);
  // A value, not a subquery: the planner matches it against the partial index's own floor.
  if (floor !== undefined) window = window.where('desk_tickets.id', '>', floor);
  return window;
}

/**
 * PostgreSQL: the newest window of matches, above `floor` when given, scored with ts_rank_cd.
 *
 * @example
 * const { rows } = await postgresWindowQuery(request, floor).execute(db);
 */
export function postgresWindowQuery(
  request: TicketRankingRequest,
  floor: number | undefined,
): RawBuilder<{ id: number | string; score: number }> {
  // Scored outside the window, so only the window's rows pay for ts_rank_cd.
  return sql`select w.id, ts_rank_cd(w.search, ${postgresTsQuery(request.search)})::float8 as score
    from (${postgresMatchWindow(request, floor)}) as w`;
}

/**
 * SQLite: the newest {@link ticketRankingWindow} tickets matching `search` among those `filtered`
 * selects, ordered by relevance, ties by id, so that offset paging over them is stable.
 * PostgreSQL ranks, pages and cuts snippets in one statement instead (`postgresTicketPage`).
 *
 * @example
 * const ranked = await rankTicketMatches(context, { filtered, narrowed: false, search });
 * const firstPage = ranked.slice(0, 20);
 */
export async function rankTicketMatches(
  context: DeskStoreContext,
  request: TicketRankingRequest,
): Promise<RankedTicket[]> {
  const ranked = await rankInSqlite(context, request);
  return ranked.sort((a, b) => b.score - a.score || a.id - b.id);
}
