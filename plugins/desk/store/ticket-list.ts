import type { Kysely } from 'kysely';
import { ToolError } from '../../../core/index.js';
import type { DeskTables, TicketRow } from '../schema/tables.js';
import { ticketsVisibleTo, type TicketAccess } from './row-scope.js';
import { ticketFiltersCanMatch, whereTicketFilters, type TicketFilters } from './ticket-filters.js';

/** What `tickets.list` takes: the filters a ticket search takes too, and paging. */
export interface TicketFilter extends TicketFilters {
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
  // Built first, so a date that is not ISO-8601 is refused even when nothing could match.
  const filtered = whereTicketFilters(
    db.selectFrom('desk_tickets').selectAll('desk_tickets').where(ticketsVisibleTo(access)),
    filter,
  );
  if (!ticketFiltersCanMatch(filter)) return { rows: [] };
  let query = filtered;
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
