import type { Kysely } from 'kysely';
import { ToolError } from '../../../core/index.js';
import type { DeskTables, TicketRow, TicketStatus } from '../schema/tables.js';
import { ticketsVisibleTo, type TicketAccess } from './row-scope.js';

/** Filters of {@link listTicketRows}; all optional, combined with "and". */
export interface TicketFilter {
  readonly status?: TicketStatus | readonly TicketStatus[];
  readonly priority?: number | readonly number[];
  /** A team key, e.g. `network`; null for tickets with no team. */
  readonly team?: string | null;
  /** An agent's desk user id; null for unassigned tickets. */
  readonly agentId?: number | null;
  readonly requesterId?: number;
  readonly organisationId?: number;
  /** A ticket type key, e.g. `incident`. */
  readonly type?: string;
  /** Created at or after this ISO-8601 time. */
  readonly createdFrom?: string;
  /** Created before this ISO-8601 time. */
  readonly createdTo?: string;
  /** Page size, 1–100; 25 when left out. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** One page of tickets, newest first; `nextCursor` is absent on the last page. */
export interface TicketRowPage {
  readonly rows: readonly TicketRow[];
  readonly nextCursor?: string;
}

interface Cursor {
  readonly createdAt: string;
  readonly id: number;
}

function encodeCursor(row: TicketRow): string {
  return Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && Number.isInteger(value[1])) {
      return { createdAt: value[0], id: value[1] as number };
    }
  } catch {
    // Falls through to the error below: a cursor is opaque, so any damage reads the same.
  }
  throw new ToolError('cursor is not one this server handed out; start again without a cursor');
}

function asList<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function isoTime(value: string, name: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new ToolError(`${name} must be an ISO-8601 time, e.g. 2026-03-01`);
  return new Date(time).toISOString();
}

/**
 * Tickets within `access` matching `filter`, ordered by (created_at desc, id desc) with keyset
 * pagination, so pages stay stable while new tickets arrive.
 */
export async function listTicketRows(
  db: Kysely<DeskTables>,
  access: TicketAccess,
  filter: TicketFilter,
): Promise<TicketRowPage> {
  const limit = filter.limit ?? 25;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new ToolError('limit must be a whole number from 1 to 100');
  }
  let query = db
    .selectFrom('desk_tickets')
    .selectAll('desk_tickets')
    .where(ticketsVisibleTo(access));
  if (filter.status !== undefined) query = query.where('status', 'in', asList(filter.status));
  if (filter.priority !== undefined) query = query.where('priority', 'in', asList(filter.priority));
  if (filter.team === null) query = query.where('team_id', 'is', null);
  else if (filter.team !== undefined) {
    const team = filter.team;
    query = query.where('team_id', 'in', (eb) =>
      eb.selectFrom('desk_teams').select('id').where('key', '=', team),
    );
  }
  if (filter.agentId === null) query = query.where('agent_id', 'is', null);
  else if (filter.agentId !== undefined) query = query.where('agent_id', '=', filter.agentId);
  if (filter.requesterId !== undefined)
    query = query.where('requester_id', '=', filter.requesterId);
  if (filter.organisationId !== undefined) {
    query = query.where('organisation_id', '=', filter.organisationId);
  }
  if (filter.type !== undefined) {
    const type = filter.type;
    query = query.where('type_id', 'in', (eb) =>
      eb.selectFrom('desk_ticket_types').select('id').where('key', '=', type),
    );
  }
  if (filter.createdFrom !== undefined) {
    query = query.where('created_at', '>=', isoTime(filter.createdFrom, 'createdFrom'));
  }
  if (filter.createdTo !== undefined) {
    query = query.where('created_at', '<', isoTime(filter.createdTo, 'createdTo'));
  }
  if (filter.cursor !== undefined) {
    const after = decodeCursor(filter.cursor);
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return rows.length > limit && last !== undefined
    ? { rows: page, nextCursor: encodeCursor(last) }
    : { rows: page };
}
