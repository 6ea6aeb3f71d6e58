import { ToolError, type Principal } from '../../../core/index.js';
import type { TimeEntryRow } from '../schema/tables.js';
import type { TicketStoreParts } from './get-ticket.js';
import type { WriteProvenance } from './history.js';
import { resolveTicketAccess } from './row-scope.js';
import { ticketForWrite, writeTicketChange } from './ticket-write.js';
import { inWriteTransaction } from './write-transaction.js';

/** Time worked on a ticket: what `tickets.logTime` needs. */
export interface NewTimeEntry {
  readonly ticketId: number;
  /** Whole minutes worked, 1 to 1440 (one day). */
  readonly minutes: number;
  readonly note?: string;
  readonly provenance?: WriteProvenance;
}

/**
 * Logs time the caller worked on a ticket. Needs the `time:write` scope and a desk user to log it
 * against; recorded in the ticket's history like any other change.
 */
export async function logTime(
  parts: TicketStoreParts,
  principal: Principal,
  input: NewTimeEntry,
): Promise<TimeEntryRow> {
  const access = await resolveTicketAccess(parts.directory, principal, 'write');
  const at = parts.context.now().toISOString();
  return inWriteTransaction(parts.context, async (trx) => {
    const ticket = await ticketForWrite(trx, access, input.ticketId);
    if (!principal.scopes.has('time:write')) {
      throw new ToolError(
        'logging time needs the time:write scope, which this caller does not hold',
      );
    }
    if (access.actor === undefined) {
      throw new ToolError('time is logged against a desk user, and this caller is not one');
    }
    if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > 1440) {
      throw new ToolError('minutes must be a whole number from 1 to 1440 (one day)');
    }
    const entry = await trx
      .insertInto('desk_time_entries')
      .values({
        ticket_id: ticket.id,
        user_id: access.actor.id,
        minutes: input.minutes,
        note: input.note?.trim() ?? '',
        logged_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeTicketChange(
      trx,
      { access, provenance: input.provenance, at },
      { ticket, change: { set: {}, changes: [{ field: 'time', from: null, to: input.minutes }] } },
    );
    return entry;
  });
}
