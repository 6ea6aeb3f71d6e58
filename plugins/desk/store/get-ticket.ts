import type { Principal } from '../../../core/index.js';
import type { NoteRow, TicketHistoryRow } from '../schema/tables.js';
import { slaStatus, type SlaStatus } from '../sla/sla-clock.js';
import { loadSlaPolicies } from '../sla/sla-queries.js';
import type { DeskDirectory } from './directory.js';
import { ticketHistory } from './history.js';
import { resolveTicketAccess, ticketsVisibleTo } from './row-scope.js';
import type { DeskStoreContext } from './store-context.js';
import { toTicket, type Ticket } from './ticket-view.js';

/** A ticket with everything that hangs off it, as one caller may see it. */
export interface TicketDetail {
  readonly ticket: Ticket;
  /** Oldest first; an end user gets the public notes only. */
  readonly notes: readonly NoteRow[];
  /** Every recorded change, oldest first (without private-note entries for end users). */
  readonly history: readonly TicketHistoryRow[];
  /** Total minutes logged against the ticket. */
  readonly minutes_logged: number;
  readonly sla: SlaStatus;
}

/** What every ticket operation of the store is built on. */
export interface TicketStoreParts {
  readonly context: DeskStoreContext;
  readonly directory: DeskDirectory;
}

/**
 * Ticket `id` with its notes, history, time logged and SLA state, or undefined when it does not
 * exist or lies outside the caller's row scope (the two are indistinguishable on purpose).
 */
export async function getTicketDetail(
  parts: TicketStoreParts,
  principal: Principal,
  id: number,
): Promise<TicketDetail | undefined> {
  const { db, now } = parts.context;
  const access = await resolveTicketAccess(parts.directory, principal, 'read');
  const row = await db
    .selectFrom('desk_tickets')
    .selectAll()
    .where('id', '=', id)
    .where(ticketsVisibleTo(access))
    .executeTakeFirst();
  if (row === undefined) return undefined;
  let notes = db
    .selectFrom('desk_notes')
    .selectAll()
    .where('ticket_id', '=', id)
    .orderBy('created_at')
    .orderBy('id');
  if (!access.staff) notes = notes.where('visibility', '=', 'public');
  const [noteRows, history, time, policies] = await Promise.all([
    notes.execute(),
    ticketHistory(db, access, id),
    db
      .selectFrom('desk_time_entries')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('minutes'), eb.lit(0)).as('minutes'))
      .where('ticket_id', '=', id)
      .executeTakeFirst(),
    loadSlaPolicies(db),
  ]);
  return {
    ticket: toTicket(row),
    notes: noteRows,
    history,
    minutes_logged: Number(time?.minutes ?? 0),
    sla: slaStatus(row, policies.get(row.priority), now()),
  };
}
