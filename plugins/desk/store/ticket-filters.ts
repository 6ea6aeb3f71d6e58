import type { SelectQueryBuilder } from 'kysely';
import { ToolError } from '../../../core/index.js';
import type { DeskTables, TicketStatus } from '../schema/tables.js';
import { bindableText } from '../search/search-terms.js';

/**
 * The filters a ticket list and a ticket search share, with the same names and meanings: teams
 * and types by key, people and organisations by id, dates as ISO-8601. All optional, combined
 * with "and".
 *
 * @example
 * const filters: TicketFilters = { team: 'network', status: ['new', 'open'], createdFrom: '2026-03-01' };
 */
export interface TicketFilters {
  readonly status?: TicketStatus | readonly TicketStatus[];
  readonly priority?: number | readonly number[];
  /** A team key, e.g. `network`; null for tickets with no team. An unknown key matches nothing. */
  readonly team?: string | null;
  /** An agent's desk user id; null for unassigned tickets. */
  readonly agentId?: number | null;
  readonly requesterId?: number;
  readonly organisationId?: number;
  /** A ticket type key, e.g. `incident`. An unknown key matches nothing. */
  readonly type?: string;
  /** A category, exactly as on the ticket. */
  readonly category?: string;
  /** Created at or after this ISO-8601 date or time (a date alone is midnight UTC). */
  readonly createdFrom?: string;
  /** Created before this ISO-8601 date or time. */
  readonly createdTo?: string;
}

/**
 * Every key of {@link TicketFilters}, e.g. to tell whether a search narrows the tickets at all.
 *
 * @example
 * ticketFilterKeys.some((key) => input[key] !== undefined)
 */
export const ticketFilterKeys = [
  'status',
  'priority',
  'team',
  'agentId',
  'requesterId',
  'organisationId',
  'type',
  'category',
  'createdFrom',
  'createdTo',
] as const satisfies readonly (keyof TicketFilters)[];

const isoDateOrTime =
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A date filter normalised to ISO-8601 UTC, as `created_at` is stored, so that `2026-03-01`,
 * `2026-03-01T09:00+01:00` and `2026-03-01T08:00:00.000Z` compare as the times they are.
 * Anything else is refused naming the filter, never compared as text.
 *
 * @example
 * isoTimeFilter('2026-03-01', 'createdFrom') // '2026-03-01T00:00:00.000Z'
 */
export function isoTimeFilter(value: string, name: string): string {
  const trimmed = value.trim();
  const time = isoDateOrTime.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new ToolError(`${name} must be an ISO-8601 date or time, e.g. 2026-03-01`);
  }
  return new Date(time).toISOString();
}

const asList = <T>(value: T | readonly T[]): readonly T[] =>
  Array.isArray(value) ? (value as readonly T[]) : [value as T];

/**
 * False when the filters can match no ticket: a number that is not whole, or an empty list of
 * statuses or priorities (which would also be `in ()`, a syntax error in SQL).
 *
 * @example
 * if (!ticketFiltersCanMatch(filter)) return { rows: [] };
 */
export function ticketFiltersCanMatch(filters: TicketFilters): boolean {
  const emptyList = (value: unknown) => Array.isArray(value) && value.length === 0;
  if (emptyList(filters.status) || emptyList(filters.priority)) return false;
  const numbers = [
    ...(filters.priority === undefined ? [] : asList(filters.priority)),
    filters.agentId,
    filters.requesterId,
    filters.organisationId,
  ];
  return numbers.every((value) => value == null || Number.isSafeInteger(value));
}

/**
 * Adds `filters` to a query on `desk_tickets` (row scope is the caller's to add). Text values are
 * bound as parameters, made safe for either engine first; dates are normalised by
 * {@link isoTimeFilter}. Check {@link ticketFiltersCanMatch} first.
 *
 * @example
 * query = whereTicketFilters(db.selectFrom('desk_tickets').where(ticketsVisibleTo(access)), filter);
 */
export function whereTicketFilters<O>(
  query: SelectQueryBuilder<DeskTables, 'desk_tickets', O>,
  filters: TicketFilters,
): SelectQueryBuilder<DeskTables, 'desk_tickets', O> {
  let q = query;
  if (filters.status !== undefined)
    q = q.where('desk_tickets.status', 'in', asList(filters.status));
  if (filters.priority !== undefined) {
    q = q.where('desk_tickets.priority', 'in', asList(filters.priority));
  }
  if (filters.team === null) q = q.where('desk_tickets.team_id', 'is', null);
  else if (filters.team !== undefined) {
    const team = bindableText(filters.team);
    q = q.where('desk_tickets.team_id', 'in', (eb) =>
      eb.selectFrom('desk_teams').select('desk_teams.id').where('desk_teams.key', '=', team),
    );
  }
  if (filters.agentId === null) q = q.where('desk_tickets.agent_id', 'is', null);
  else if (filters.agentId !== undefined)
    q = q.where('desk_tickets.agent_id', '=', filters.agentId);
  if (filters.requesterId !== undefined) {
    q = q.where('desk_tickets.requester_id', '=', filters.requesterId);
  }
  if (filters.organisationId !== undefined) {
    q = q.where('desk_tickets.organisation_id', '=', filters.organisationId);
  }
  if (filters.type !== undefined) {
    const type = bindableText(filters.type);
    q = q.where('desk_tickets.type_id', 'in', (eb) =>
      eb
        .selectFrom('desk_ticket_types')
        .select('desk_ticket_types.id')
        .where('desk_ticket_types.key', '=', type),
    );
  }
  if (filters.category !== undefined) {
    q = q.where('desk_tickets.category', '=', bindableText(filters.category));
  }
  if (filters.createdFrom !== undefined) {
    q = q.where('desk_tickets.created_at', '>=', isoTimeFilter(filters.createdFrom, 'createdFrom'));
  }
  if (filters.createdTo !== undefined) {
    q = q.where('desk_tickets.created_at', '<', isoTimeFilter(filters.createdTo, 'createdTo'));
  }
  return q;
}
