import type { Principal } from '../../../core/index.js';
import type { DeskDirectory } from '../store/directory.js';
import type { DeskStoreContext } from '../store/store-context.js';
import { searchArticles } from './article-search.js';
import type {
  ArticleSearchInput,
  ArticleSearchRow,
  SearchResult,
  TicketSearchInput,
  TicketSearchRow,
} from './search-types.js';
import { searchTickets } from './ticket-search.js';

/**
 * Full-text search of tickets and knowledge-base articles with each engine's own index (SQLite
 * FTS5 with BM25, PostgreSQL tsvector with ts_rank_cd). Any query text is safe: it is reduced to
 * plain words before it reaches the database.
 *
 * @example
 * const page = await desk.search.searchTickets(ctx.principal, { text: 'vpn drops', status: ['new', 'open'] });
 * for (const hit of page.hits) console.log(hit.row.id, hit.score, hit.snippet);
 */
export interface DeskSearch {
  /** Tickets the principal may see (row scope as everywhere in the store). */
  searchTickets(
    principal: Principal,
    input: TicketSearchInput,
  ): Promise<SearchResult<TicketSearchRow>>;
  /** Knowledge-base articles; end users see published ones only. */
  searchArticles(
    principal: Principal,
    input: ArticleSearchInput,
  ): Promise<SearchResult<ArticleSearchRow>>;
}

/** Creates the search part of the desk store. */
export function createDeskSearch(context: DeskStoreContext, directory: DeskDirectory): DeskSearch {
  const searchContext = { ...context, directory };
  return Object.freeze({
    searchTickets: (principal, input) => searchTickets(searchContext, principal, input),
    searchArticles: (principal, input) => searchArticles(searchContext, principal, input),
  } satisfies DeskSearch);
}
