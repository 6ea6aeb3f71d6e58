import type { SelectQueryBuilder } from 'kysely';
import type { Principal } from '../../../core/index.js';
import type { DeskTables } from '../schema/tables.js';
import type { DeskDirectory } from '../store/directory.js';
import { resolveTicketAccess, ticketsVisibleTo, type TicketAccess } from '../store/row-scope.js';
import type { DeskStoreContext } from '../store/store-context.js';
import {
  ticketFilterKeys,
  ticketFiltersCanMatch,
  whereTicketFilters,
} from '../store/ticket-filters.js';
import { sqliteLearnedMatches, withLearned } from './learned-ticket-matches.js';
import { postgresTicketPage } from './postgres-ticket-page.js';
import type { RecentFloorCache } from './recent-floor.js';
import { prefixTerm, searchTerms, type MatchMode, type TextQuery } from './search-terms.js';
import {
  normalisePage,
  ticketSearchColumns,
  toPage,
  type SearchResult,
  type TicketSearchInput,
  type TicketSearchRow,
} from './search-types.js';
import { leadingSnippet, matchSnippets } from './snippets.js';
import {
  rankTicketMatches,
  ticketRankingWindow,
  type RankedTicket,
  type TicketRankingRequest,
} from './ticket-ranking.js';

/** What the searches are built from: the store's context and its directory (for row scope). */
export interface DeskSearchContext extends DeskStoreContext {
  readonly directory: DeskDirectory;
  /** PostgreSQL: the recent-ticket index's floor, read once every few seconds. */
  readonly recentFloor: RecentFloorCache;
}

type TicketQuery = SelectQueryBuilder<DeskTables, 'desk_tickets', object>;

/** The filters and the store's row scope, on `desk_tickets`. */
function filteredTickets(
  context: DeskSearchContext,
  input: TicketSearchInput,
  access: TicketAccess,
): TicketQuery {
  return whereTicketFilters(
    context.db.selectFrom('desk_tickets').where(ticketsVisibleTo(access)),
    input,
  );
}

/** True when the search selects fewer tickets than the caller may see. */
function narrowsTickets(input: TicketSearchInput, access: TicketAccess): boolean {
  return access.extent !== 'all' || ticketFilterKeys.some((key) => input[key] !== undefined);
}

/**
 * The ranked matches of the words as typed or, when those find nothing and the last word is long
 * enough, of the words with the last one also read as a prefix ("reception printe"). Only an
 * empty result pays for the wider, slower prefix match.
 */
async function rankedMatches(
  context: DeskSearchContext,
  request: Omit<TicketRankingRequest, 'search'>,
  words: { terms: readonly string[]; mode: MatchMode },
): Promise<{ ranked: RankedTicket[]; search: TextQuery }> {
  const exact: TextQuery = { ...words, prefix: false };
  const ranked = await rankTicketMatches(context, { ...request, search: exact });
  if (ranked.length > 0 || prefixTerm(words.terms) === undefined) return { ranked, search: exact };
  const widened: TextQuery = { ...words, prefix: true };
  return {
    ranked: await rankTicketMatches(context, { ...request, search: widened }),
    search: widened,
  };
}

/**
 * Full-text search of the tickets `principal` may see, with filters, a relevance score, a
 * snippet and stable offset paging (ties in score are ordered by id). With text, the newest
 * {@link ticketRankingWindow} matches are ranked and `truncated` says whether older ones exist.
 *
 * @example
 * const page = await searchTickets(context, principal, { text: 'printer jam', status: 'open' });
 * const next = await searchTickets(context, principal, { text: 'printer jam', status: 'open', offset: page.nextOffset ?? 0 });
 */
export async function searchTickets(
  context: DeskSearchContext,
  principal: Principal,
  input: TicketSearchInput,
): Promise<SearchResult<TicketSearchRow>> {
  const page = normalisePage(input);
  const access = await resolveTicketAccess(context.directory, principal, 'read');
  const listOnly = input.text === undefined || input.text.trim() === '';
  const terms = searchTerms(input.text);
  const noMatch = !listOnly && terms.length === 0;
  // Built first, so a date that is not ISO-8601 is refused even when nothing could match.
  const filtered = filteredTickets(context, input, access);
  if (noMatch || !ticketFiltersCanMatch(input)) return toPage([], page);

  if (listOnly) {
    const rows = await filtered
      .select(ticketSearchColumns.map((column) => `desk_tickets.${column}` as const))
      .select('desk_tickets.details')
      .orderBy('desk_tickets.created_at', 'desc')
      .orderBy('desk_tickets.id', 'desc')
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    const hits = rows.map(({ details, ...row }) => ({
      row,
      score: 0,
      snippet: leadingSnippet(details),
    }));
    return toPage(hits, page);
  }

  const words = { terms, mode: input.match ?? 'all' } as const;
  const narrowed = narrowsTickets(input, access);
  // Staff also match what a ticket learned from later tickets that refer to it; end users do not.
  const learned = access.staff;
  if (context.engine === 'postgres') {
    const recent = await context.recentFloor.read(context.db);
    const exactSearch: TextQuery = { ...words, prefix: false };
    const exact = await postgresTicketPage(context, {
      filtered,
      search: exactSearch,
      page,
      recent,
      learned,
    });
    // As rankedMatches: only an empty result pays for the wider prefix match.
    const found =
      exact.ranked > 0 || prefixTerm(terms) === undefined
        ? exact
        : await postgresTicketPage(context, {
            filtered,
            search: { ...words, prefix: true },
            page,
            recent,
            learned,
          });
    return { ...toPage(found.hits, page), truncated: found.ranked >= ticketRankingWindow };
  }

  const { ranked, search } = await rankedMatches(context, { filtered, narrowed }, words);
  const scored = learned
    ? withLearned(ranked, await sqliteLearnedMatches(context, { filtered, narrowed, search }))
    : ranked;
  const onPage = scored.slice(page.offset, page.offset + page.limit + 1);
  const ids = onPage.map((hit) => hit.id);
  const rows =
    ids.length === 0
      ? []
      : await filtered
          .select(ticketSearchColumns.map((column) => `desk_tickets.${column}` as const))
          .where('desk_tickets.id', 'in', ids)
          .execute();
  const rowsById = new Map(rows.map((row) => [Number(row.id), row]));
  const snippets = await matchSnippets(context, { source: 'tickets', ids, search });
  const hits = onPage.flatMap(({ id, score }) => {
    const row = rowsById.get(id);
    return row === undefined
      ? []
      : [{ row, score, snippet: snippets.get(id) ?? leadingSnippet(row.summary) }];
  });
  return { ...toPage(hits, page), truncated: ranked.length >= ticketRankingWindow };
}
