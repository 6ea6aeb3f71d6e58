import type { Principal } from '../../../core/index.js';
import type { DeskDirectory } from '../store/directory.js';
import type { DeskStoreContext } from '../store/store-context.js';
import { searchArticles } from './article-search.js';
import { createRecentFloorCache } from './recent-floor.js';
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
  /**
   * Full-text search of tickets with the filters of `tickets.list`, a relevance score, a snippet
   * and stable offset paging (ties in score by id). With text, the newest 1,000 matches are ranked
   * and `truncated` says when older ones exist (narrow with `createdTo` to reach them); without
   * text, the filtered tickets newest first. Text with no searchable word finds nothing. For
   * staff, a ticket also matches the summaries of the later solved tickets of its organisation
   * whose notes refer to it (`#<id>`, `ticket <id>`), ranked below a summary match.
   *
   * @param principal - The caller, whose role and scopes decide what it reaches.
   * @param input - `text`, `match` (`all` words, the default, or `any`), the ticket filters, and
   *   `limit` (1–100, 20 by default) and `offset`, both kept within range.
   * @returns One page of hits (the ticket's list columns, score, and a snippet with the matched
   *   words in bold), `hasMore`, `nextOffset` and, for a text search, `truncated`.
   * @rowScope Needs a `tickets:read:*` scope; filters and the ranked window apply within the
   *   caller's read reach: an end user's own tickets (their organisation's with
   *   `tickets:read:org`), every ticket for agents, admins and service accounts. End users match
   *   and rank on the tickets' own text only, never on words learned from other tickets.
   * @throws {TOOL_FAILED} The caller holds no `tickets:read:*` scope.
   * @throws {TOOL_FAILED} `createdFrom` or `createdTo` is not an ISO-8601 date or time.
   */
  searchTickets(
    principal: Principal,
    input: TicketSearchInput,
  ): Promise<SearchResult<TicketSearchRow>>;
  /**
   * Full-text search of knowledge-base articles, filtered by category and tags, a title match
   * ranking above a body match; the last word also matches as a prefix. For staff, an article
   * also matches the words of the resolved tickets whose public notes mention it (its learned
   * text: the newest 50 such tickets' summaries), ranked below its title and above its body.
   * Without text, the articles by title.
   *
   * @param principal - The caller, whose role decides whether drafts are included.
   * @param input - `text`, `match`, `category`, `tags` (each must be on the article),
   *   `includeUnpublished` (staff only), and `limit` and `offset` as for tickets.
   * @returns One page of hits (the article without its body, score and snippet), `hasMore` and
   *   `nextOffset`.
   * @rowScope Published articles for everyone; drafts too for agents, admins and service accounts
   *   who ask with `includeUnpublished` (an end user's is ignored). End users search the
   *   articles' own text only: the learned text comes from every organisation's tickets, so it
   *   neither matches nor ranks for them. No scope is checked: the tools that search declare
   *   `kb:read`.
   */
  searchArticles(
    principal: Principal,
    input: ArticleSearchInput,
  ): Promise<SearchResult<ArticleSearchRow>>;
}

/** Creates the search part of the desk store. */
export function createDeskSearch(context: DeskStoreContext, directory: DeskDirectory): DeskSearch {
  const searchContext = { ...context, directory, recentFloor: createRecentFloorCache() };
  return Object.freeze({
    searchTickets: (principal, input) => searchTickets(searchContext, principal, input),
    searchArticles: (principal, input) => searchArticles(searchContext, principal, input),
  } satisfies DeskSearch);
}
