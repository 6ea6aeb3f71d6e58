import { sql, type SelectQueryBuilder } from 'kysely';
import type { DeskTables } from '../schema/tables.js';
import type { DeskStoreContext } from '../store/store-context.js';
import { postgresLearnedWindow } from './learned-ticket-matches.js';
import { postgresTsQuery } from './postgres-query.js';
import type { RecentFloor } from './recent-floor.js';
import type { TextQuery } from './search-terms.js';
import { ticketSearchColumns, type SearchHit, type TicketSearchRow } from './search-types.js';
import { headlineOptions, leadingSnippet } from './snippets.js';
import { postgresMatchWindow, ticketRankingWindow } from './ticket-ranking.js';

/** What {@link postgresTicketPage} searches: the filtered tickets, the words and the page. */
export interface PostgresTicketPageRequest {
  /** `desk_tickets` with the search's filters and the caller's row scope. */
  readonly filtered: SelectQueryBuilder<DeskTables, 'desk_tickets', object>;
  readonly search: TextQuery;
  readonly page: { readonly limit: number; readonly offset: number };
  /** The recent-ticket index's floor (ADR 0019); its window is tried first when indexed. */
  readonly recent: RecentFloor;
  /** Staff: add the share of what tickets learned from later ones (`postgresLearnedWindow`). */
  readonly learned?: boolean;
}

/** One page of a ranked ticket search, and how many matches were ranked. */
export interface PostgresTicketPage {
  /** The page's hits plus one more when there is a next page, by score, ties by id. */
  readonly hits: SearchHit<TicketSearchRow>[];
  /** How many matches were ranked: at most {@link ticketRankingWindow}. */
  readonly ranked: number;
}

type PageRow = { ranked: number | string; score: number | null; snippet: string | null } & {
  [K in keyof TicketSearchRow]: TicketSearchRow[K] | null;
};

/** A window of matches (above `floor` when given), each scored with ts_rank_cd. */
function scoredWindow(request: PostgresTicketPageRequest, floor: number | undefined) {
  // Scored inside, so only the window's rows pay for ts_rank_cd and no text vector is carried on.
  return sql`select w.id, ts_rank_cd(w.search, ${postgresTsQuery(request.search)})::float8 as score
    from (${postgresMatchWindow(request, floor)}) as w`;
}

/**
 * The ranked newest window of matches: the recent-ticket index's window when it is full, else
 * the window of every ticket, whose scan the planner skips when it is not needed (a one-time
 * filter), so the fallback costs no round trip of its own.
 */
function matchesOf(request: PostgresTicketPageRequest) {
  const whole = scoredWindow(request, undefined);
  if (!request.recent.indexed) return sql`with matches as materialized (${whole})`;
  return sql`with recent as materialized (${scoredWindow(request, request.recent.floor)}),
    matches as materialized (
      select * from recent where (select count(*) from recent) = ${ticketRankingWindow}
      union all
      select * from (${whole}) as whole
        where (select count(*) from recent) < ${ticketRankingWindow}
    )`;
}

/**
 * The `scored` matches: `matches`, with the learned shares added to the tickets they belong to, and
 * the tickets found only through their learned text, when the request asks for them.
 */
function withLearnedShares(request: PostgresTicketPageRequest) {
  if (request.learned !== true) return sql`scored as (select id, score from matches)`;
  return sql`scored as materialized (
    select u.id, sum(u.score)::float8 as score from (
      select id, score from matches
      union all select l.id, l.score from ${postgresLearnedWindow(request)} as l
    ) as u group by u.id
  )`;
}

/**
 * PostgreSQL: ranks the newest {@link ticketRankingWindow} matches of `search` among the tickets
 * `filtered` selects, and returns the page's rows with their scores and snippets, in one statement
 * (ADR 0035). The ranking, order (score, then id), row scope and snippets are those of the
 * separate reads it replaces.
 *
 * @example
 * const { hits, ranked } = await postgresTicketPage(context, { filtered, search, page, recent });
 */
export async function postgresTicketPage(
  { db }: DeskStoreContext,
  request: PostgresTicketPageRequest,
): Promise<PostgresTicketPage> {
  const tsquery = postgresTsQuery(request.search);
  const { limit, offset } = request.page;
  const columns = sql.join(ticketSearchColumns.map((column) => sql.ref(`t.${column}`)));
  const { rows } = await sql<PageRow>`${matchesOf(request)},
    ${withLearnedShares(request)},
    page as (
      select m.id, m.score from scored as m order by m.score desc, m.id
      limit ${limit + 1} offset ${offset}
    )
    select (select count(*) from scored) as ranked, p.score, ${columns},
      ts_headline('english', t.summary || ' — ' || t.details, ${tsquery}, ${headlineOptions})
        as snippet
    from (select 1) as one
      left join (page as p join desk_tickets as t on t.id = p.id) on true
    order by p.score desc, p.id`.execute(db);
  const hits = rows.flatMap(({ ranked: _, score, snippet, ...row }) =>
    row.id === null || score === null
      ? []
      : [
          {
            row: row as TicketSearchRow,
            score,
            snippet: snippet ?? leadingSnippet(row.summary ?? ''),
          },
        ],
  );
  return { hits, ranked: Number(rows[0]?.ranked ?? 0) };
}
