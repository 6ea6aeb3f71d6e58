import { sql, type SelectQueryBuilder } from 'kysely';
import type { Principal } from '../../../core/index.js';
import type { DeskTables } from '../schema/tables.js';
import type { DeskDirectory } from '../store/directory.js';
import { resolveTicketAccess, ticketsVisibleTo, type TicketAccess } from '../store/row-scope.js';
import type { DeskStoreContext } from '../store/store-context.js';
import { postgresTsQuery } from './postgres-query.js';
import { bindableText, fts5MatchExpression, searchTerms } from './search-terms.js';
import {
  normalisePage,
  ticketSearchColumns,
  toPage,
  type SearchResult,
  type TicketSearchInput,
  type TicketSearchRow,
} from './search-types.js';
import { leadingSnippet, matchSnippets } from './snippets.js';

/** What the searches are built from: the store's context and its directory (for row scope). */
export interface DeskSearchContext extends DeskStoreContext {
  readonly directory: DeskDirectory;
}

type TicketQuery = SelectQueryBuilder<DeskTables, 'desk_tickets', object>;

// bm25 weights per FTS5 column (summary, details): a word in the summary counts ten times.
const ticketWeights = sql`10.0, 1.0`;

const asArray = <T>(value: T | readonly T[]): readonly T[] =>
  Array.isArray(value) ? (value as readonly T[]) : [value as T];

/**
 * False when a filter can match no row: a number that is not whole, or an empty list of statuses
 * or priorities (which would also be `in ()`, a syntax error in SQL).
 */
function filtersCanMatch(input: TicketSearchInput): boolean {
  const emptyList = (value: unknown) => Array.isArray(value) && value.length === 0;
  if (emptyList(input.status) || emptyList(input.priority)) return false;
  const numbers = [
    ...(input.priority === undefined ? [] : asArray(input.priority)),
    input.teamId,
    input.agentId,
    input.requesterId,
    input.organisationId,
    input.typeId,
  ];
  return numbers.every((value) => value == null || Number.isSafeInteger(value));
}

/** The filters and the store's row scope, on `desk_tickets`. */
function filteredTickets(
  context: DeskSearchContext,
  input: TicketSearchInput,
  access: TicketAccess,
): TicketQuery {
  let query: TicketQuery = context.db.selectFrom('desk_tickets').where(ticketsVisibleTo(access));
  if (input.status !== undefined)
    query = query.where('desk_tickets.status', 'in', asArray(input.status));
  if (input.priority !== undefined) {
    query = query.where('desk_tickets.priority', 'in', asArray(input.priority));
  }
  if (input.teamId !== undefined) query = query.where('desk_tickets.team_id', '=', input.teamId);
  if (input.agentId === null) query = query.where('desk_tickets.agent_id', 'is', null);
  else if (input.agentId !== undefined)
    query = query.where('desk_tickets.agent_id', '=', input.agentId);
  if (input.requesterId !== undefined) {
    query = query.where('desk_tickets.requester_id', '=', input.requesterId);
  }
  if (input.organisationId !== undefined) {
    query = query.where('desk_tickets.organisation_id', '=', input.organisationId);
  }
  if (input.typeId !== undefined) query = query.where('desk_tickets.type_id', '=', input.typeId);
  if (input.category !== undefined)
    query = query.where('desk_tickets.category', '=', bindableText(input.category));
  if (input.createdFrom !== undefined) {
    query = query.where('desk_tickets.created_at', '>=', bindableText(input.createdFrom));
  }
  if (input.createdTo !== undefined)
    query = query.where('desk_tickets.created_at', '<', bindableText(input.createdTo));
  return query;
}

/** Ranked ids and scores of the matching tickets, one page plus one row. */
function rankedTickets(
  context: DeskSearchContext,
  query: TicketQuery,
  search: { terms: readonly string[]; mode: 'all' | 'any' },
) {
  const selected = query.select(
    ticketSearchColumns.map((column) => `desk_tickets.${column}` as const),
  );
  if (context.engine === 'sqlite') {
    const matches = sql<{ id: number; rank: number }>`(select rowid as id,
      bm25(desk_tickets_fts, ${ticketWeights}) as rank from desk_tickets_fts
      where desk_tickets_fts match ${fts5MatchExpression(search.terms, search.mode)})`;
    // bm25 is lower-is-better and negative; its negation is a higher-is-better score.
    return selected
      .innerJoin(matches.as('m'), 'm.id', 'desk_tickets.id')
      .select(sql<number>`-m.rank`.as('score'))
      .orderBy('m.rank')
      .orderBy('desk_tickets.id');
  }
  const tsquery = postgresTsQuery(search.terms, search.mode);
  const score = sql<number>`ts_rank_cd(desk_tickets.search, ${tsquery})::float8`;
  return selected
    .where(sql<boolean>`desk_tickets.search @@ ${tsquery}`)
    .select(score.as('score'))
    .orderBy(score, 'desc')
    .orderBy('desk_tickets.id');
}

/**
 * Full-text search of the tickets `principal` may see, with filters, a relevance score, a
 * snippet and stable offset paging (ties in score are ordered by id).
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
  if (noMatch || !filtersCanMatch(input)) return toPage([], page);
  const filtered = filteredTickets(context, input, access);

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

  const mode = input.match ?? 'all';
  const rows = await rankedTickets(context, filtered, { terms, mode })
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
  const snippets = await matchSnippets(context, {
    source: 'tickets',
    ids: rows.map((row) => row.id),
    terms,
    mode,
  });
  const hits = rows.map(({ score, ...row }) => ({
    row,
    score: Number(score),
    snippet: snippets.get(row.id) ?? leadingSnippet(row.summary),
  }));
  return toPage(hits, page);
}
