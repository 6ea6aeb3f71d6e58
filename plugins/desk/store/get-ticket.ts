import { preparedMarker, type Principal } from '../../../core/index.js';
import { sql, type Kysely } from 'kysely';
import type { DeskTables, NoteRow, TicketHistoryRow } from '../schema/tables.js';
import { slaStatus, type SlaStatus } from '../sla/sla-clock.js';
import type { DeskDirectory } from './directory.js';
import { privateNoteField, ticketHistory } from './history.js';
import { resolveTicketAccess, ticketsVisibleTo, type TicketAccess } from './row-scope.js';
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

/** The rows a ticket's detail lists besides the ticket itself. */
interface Attached {
  readonly notes: NoteRow[];
  readonly history: TicketHistoryRow[];
}

/**
 * PostgreSQL: the ticket's notes, oldest first, as one JSON array column of the ticket's row
 * (the public ones only for an end user). Every note column is text or a number, so the JSON
 * values are those a row read would give.
 */
function notesAsJson(access: TicketAccess) {
  const visible = access.staff ? sql`` : sql`and n.visibility = ${'public'}`;
  return sql<NoteRow[]>`(select coalesce(json_agg(n order by n.created_at, n.id), '[]'::json)
    from desk_notes as n where n.ticket_id = desk_tickets.id ${visible})`;
}

/** PostgreSQL: the ticket's history as {@link ticketHistory} reads it, as one JSON array column. */
function historyAsJson(access: TicketAccess) {
  const visible = access.staff ? sql`` : sql`and h.field <> ${privateNoteField}`;
  return sql<TicketHistoryRow[]>`(select coalesce(json_agg(h order by h.at, h.id), '[]'::json)
    from desk_ticket_history as h where h.ticket_id = desk_tickets.id ${visible})`;
}

/** SQLite: the ticket's notes and history in reads of their own, which cost no round trip there. */
async function attachedRows(
  db: Kysely<DeskTables>,
  access: TicketAccess,
  id: number,
): Promise<Attached> {
  let notes = db
    .selectFrom('desk_notes')
    .selectAll()
    .where('ticket_id', '=', id)
    .orderBy('created_at')
    .orderBy('id');
  if (!access.staff) notes = notes.where('visibility', '=', 'public');
  const [noteRows, history] = await Promise.all([notes.execute(), ticketHistory(db, access, id)]);
  return { notes: noteRows, history };
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
  const { db, engine, now } = parts.context;
  const access = await resolveTicketAccess(parts.directory, principal, 'read');
  // One read for the ticket, its priority's SLA policy and its logged minutes, and on PostgreSQL
  // its notes and history too: a ticket by id is the desk's most frequent call, and every
  // statement is a round trip through the driver (ADR 0035).
  const found = await db
    .selectFrom('desk_tickets')
    .modifyFront(sql.raw(preparedMarker))
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
    .$if(engine === 'postgres', (query) =>
      query.select([notesAsJson(access).as('notes'), historyAsJson(access).as('history')]),
    )
    .where('desk_tickets.id', '=', id)
    .where(ticketsVisibleTo(access))
    .executeTakeFirst();
  if (found === undefined) return undefined;
  const { policy_resolution_minutes, policy_at_risk_percent, minutes_logged, ...columns } = found;
  const { notes, history, ...row } = columns as typeof columns & Partial<Attached>;
  const attached =
    notes !== undefined && history !== undefined
      ? { notes, history }
      : await attachedRows(db, access, id);
  const policy =
    policy_resolution_minutes === null || policy_at_risk_percent === null
      ? undefined
      : { resolution_minutes: policy_resolution_minutes, at_risk_percent: policy_at_risk_percent };
  return {
    ticket: toTicket(row),
    notes: attached.notes,
    history: attached.history,
    minutes_logged: Number(minutes_logged ?? 0),
    sla: slaStatus(row, policy, now()),
  };
}
