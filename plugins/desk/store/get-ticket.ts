import type { Principal } from '../../../core/index.js';
import type { NoteRow, TicketHistoryRow } from '../schema/tables.js';
import { slaStatus, type SlaStatus } from '../sla/sla-clock.js';
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
  // One read for the ticket, its priority's SLA policy and its logged minutes: a ticket by id is
  // the desk's most frequent call, and every statement is a round trip through the driver.
  const found = await db
    .selectFrom('desk_tickets')
    .leftJoin('desk_sla_policies as policy', 'policy.priority', 'desk_tickets.priority')
    .selectAll('desk_tickets')
    .select((eb) => [
      'policy.resolution_minutes as policy_resolution_minutes',
      'policy.at_risk_percent as policy_at_risk_percent',
      eb
        .selectFrom('desk_time_entries')
        .select((sub) => sub.fn.coalesce(sub.fn.sum<number>('minutes'), sub.lit(0)).as('sum'))
        .whereRef('desk_time_entries.ticket_id', '=', 'desk_tickets.id')
        .as('minutes_logged'),
    ])
    .where('desk_tickets.id', '=', id)
    .where(ticketsVisibleTo(access))
    .executeTakeFirst();
  if (found === undefined) return undefined;
  const { policy_resolution_minutes, policy_at_risk_percent, minutes_logged, ...row } = found;
  let notes = db
    .selectFrom('desk_notes')
    .selectAll()
    .where('ticket_id', '=', id)
    .orderBy('created_at')
    .orderBy('id');
  if (!access.staff) notes = notes.where('visibility', '=', 'public');
  const [noteRows, history] = await Promise.all([notes.execute(), ticketHistory(db, access, id)]);
  const policy =
    policy_resolution_minutes === null || policy_at_risk_percent === null
      ? undefined
      : { resolution_minutes: policy_resolution_minutes, at_risk_percent: policy_at_risk_percent };
  return {
    ticket: toTicket(row),
    notes: noteRows,
    history,
    minutes_logged: Number(minutes_logged ?? 0),
    sla: slaStatus(row, policy, now()),
  };
}
