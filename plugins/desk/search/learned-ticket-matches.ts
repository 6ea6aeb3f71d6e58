import { sql, type RawBuilder } from 'kysely';
import type { DeskStoreContext } from '../store/store-context.js';
import { postgresTsQuery } from './postgres-query.js';
import { fts5MatchExpression } from './search-terms.js';
import {
  ticketRankingWindow,
  type RankedTicket,
  type TicketRankingRequest,
} from './ticket-ranking.js';

// SQLite: a learned word weighs twice a details word and a fifth of a summary word (10, 1).
const sqliteLearnedWeight = 2;
/**
 * PostgreSQL: the learned text counts by its density `d` (the share of its words that are query
 * words), saturated as `0.9 × d / (d + 0.25)`: below one summary match (1.0), however many of the
 * later tickets repeat the word, as for articles.
 */
const postgresLearnedCap = 0.9;
const postgresLearnedHalf = 0.25;

/**
 * PostgreSQL: the tickets among those `filtered` selects whose learned text matches `search`,
 * newest first, at most a ranking window, each with the learned text's share of the score, as a
 * query to join into the ranked page's statement (one round trip, ADR 0035).
 *
 * @example
 * sql`select id, score from matches union all ${postgresLearnedWindow({ filtered, search })}`
 */
export function postgresLearnedWindow({
  filtered,
  search,
}: Pick<TicketRankingRequest, 'filtered' | 'search'>): RawBuilder<RankedTicket> {
  const tsquery = postgresTsQuery(search);
  const density = sql`ts_rank_cd('{1, 1, 1, 1}'::float4[], l.search, ${tsquery}, 2)`;
  const scoped = filtered
    .select(sql<number>`1`.as('one'))
    .where('desk_tickets.id', '=', sql<number>`l.ticket_id`);
  return sql`(select l.ticket_id as id,
      (${postgresLearnedCap} * ${density} / (${density} + ${postgresLearnedHalf}))::float8 as score
      from desk_ticket_learned as l
      where l.search @@ ${tsquery} and exists ${scoped}
      order by l.ticket_id desc limit ${ticketRankingWindow})`;
}

/**
 * SQLite: the tickets among those `filtered` selects whose learned text (the later tickets of
 * their organisation that refer to them) matches `search`, newest first, at most a ranking window,
 * each with the learned text's share of the score. For staff only: the caller decides.
 *
 * @example
 * const learned = await sqliteLearnedMatches(context, { filtered, narrowed, search });
 */
export async function sqliteLearnedMatches(
  { db }: DeskStoreContext,
  { filtered, search }: TicketRankingRequest,
): Promise<RankedTicket[]> {
  const fts = sql.table('desk_ticket_learned_fts');
  const scoped = filtered
    .select(sql<number>`1`.as('one'))
    .where('desk_tickets.id', '=', sql<number>`${fts}.rowid`);
  const { rows } = await sql<{ id: number; rank: number }>`select rowid as id,
      bm25(${fts}) as rank from ${fts}
      where ${fts} match ${fts5MatchExpression(search)} and exists ${scoped}
      order by rowid desc limit ${ticketRankingWindow}`.execute(db);
  return rows.map((row) => ({
    id: Number(row.id),
    score: -sqliteLearnedWeight * Number(row.rank),
  }));
}

/**
 * `ranked` with the learned shares of `learned` added: a ticket in both gets the sum, one found
 * only through its learned text gets its learned share. By score, ties by id.
 *
 * @example
 * withLearned([{ id: 1, score: 3 }], [{ id: 1, score: 0.5 }, { id: 2, score: 0.4 }]) // 1: 3.5, 2: 0.4
 */
export function withLearned(
  ranked: readonly RankedTicket[],
  learned: readonly RankedTicket[],
): RankedTicket[] {
  const scores = new Map(ranked.map((hit) => [hit.id, hit.score]));
  for (const hit of learned) scores.set(hit.id, (scores.get(hit.id) ?? 0) + hit.score);
  return [...scores]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
}
