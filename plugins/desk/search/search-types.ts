import type { KbArticleRow, TicketRow } from '../schema/tables.js';
import type { TicketFilters } from '../store/ticket-filters.js';
import type { MatchMode } from './search-terms.js';

/** Results per page when the caller names none, and the most one page may hold. */
export const defaultSearchLimit = 20;
export const maxSearchLimit = 100;

/** Paging shared by both searches: `offset` rows are skipped, at most `limit` returned. */
export interface SearchPage {
  /** 1–100; defaults to 20. */
  readonly limit?: number;
  /** Rows to skip; pass the previous page's `nextOffset`. */
  readonly offset?: number;
}

/**
 * A ticket search: words, and the same filters as a ticket list ({@link TicketFilters}: teams
 * and types by key, dates normalised). `text` omitted or blank lists the tickets the filters
 * select, newest first; text with no searchable word (only punctuation, emoji or stop words)
 * finds nothing.
 */
export interface TicketSearchInput extends SearchPage, TicketFilters {
  readonly text?: string;
  /** `all` (the default): every word must occur; `any`: one is enough, more rank higher. */
  readonly match?: MatchMode;
}

/** A knowledge-base search; `text` omitted or blank lists articles by title. */
export interface ArticleSearchInput extends SearchPage {
  readonly text?: string;
  readonly match?: MatchMode;
  readonly category?: string;
  /** Every tag listed must be on the article (compared without case). */
  readonly tags?: readonly string[];
  /** Staff only: include unpublished drafts. End users never see them. */
  readonly includeUnpublished?: boolean;
}

/**
 * The ticket columns a search hit carries (no details or custom fields: fetch the ticket), with
 * the SLA times, so a hit's SLA standing needs no second read.
 */
export type TicketSearchRow = Pick<
  TicketRow,
  | 'id'
  | 'type_id'
  | 'summary'
  | 'status'
  | 'priority'
  | 'category'
  | 'team_id'
  | 'agent_id'
  | 'requester_id'
  | 'organisation_id'
  | 'created_at'
  | 'updated_at'
  | 'response_due_at'
  | 'resolution_due_at'
  | 'responded_at'
  | 'resolved_at'
>;

/** The article columns a search hit carries (no body: fetch the article). */
export type ArticleSearchRow = Pick<
  KbArticleRow,
  'id' | 'slug' | 'title' | 'category' | 'published' | 'updated_at'
> & { readonly tags: readonly string[] };

/**
 * One result. `score` is relevance, higher is better, comparable only within one search (0 when
 * listing without text); `snippet` is an excerpt with matched words in `**bold**`.
 */
export interface SearchHit<TRow> {
  readonly row: TRow;
  readonly score: number;
  readonly snippet: string;
}

/** One page of results, ordered by score (then id, so ties page stably). */
export interface SearchResult<TRow> {
  readonly hits: readonly SearchHit<TRow>[];
  readonly hasMore: boolean;
  /** The `offset` of the next page, or null on the last page. */
  readonly nextOffset: number | null;
  /**
   * Ticket text search only: true when more tickets match than one search ranks (the newest
   * 1,000); the older ones are reached by narrowing the search, e.g. with `createdTo`.
   */
  readonly truncated?: boolean;
}

export const ticketSearchColumns = [
  'id',
  'type_id',
  'summary',
  'status',
  'priority',
  'category',
  'team_id',
  'agent_id',
  'requester_id',
  'organisation_id',
  'created_at',
  'updated_at',
  'response_due_at',
  'resolution_due_at',
  'responded_at',
  'resolved_at',
] as const satisfies readonly (keyof TicketSearchRow)[];

/** Clamps paging input to whole numbers in range. */
export function normalisePage(page: SearchPage): { limit: number; offset: number } {
  const limit = Math.trunc(page.limit ?? defaultSearchLimit);
  const offset = Math.trunc(page.offset ?? 0);
  return {
    limit: Number.isFinite(limit)
      ? Math.min(Math.max(limit, 1), maxSearchLimit)
      : defaultSearchLimit,
    offset: Number.isFinite(offset) ? Math.min(Math.max(offset, 0), Number.MAX_SAFE_INTEGER) : 0,
  };
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says there is more. */
export function toPage<TRow>(
  hits: readonly SearchHit<TRow>[],
  page: { limit: number; offset: number },
): SearchResult<TRow> {
  const hasMore = hits.length > page.limit;
  return {
    hits: hits.slice(0, page.limit),
    hasMore,
    nextOffset: hasMore ? page.offset + page.limit : null,
  };
}
