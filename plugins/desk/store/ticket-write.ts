import type { Kysely } from 'kysely';
import { ToolError } from '../../../core/index.js';
import { learnFromStatusChange } from '../knowledge/learned-article-text.js';
import type { DeskRowUpdate, DeskTables, TicketRow } from '../schema/tables.js';
import { learnTicketsFromStatusChange } from './learned-ticket-text.js';
import { recordHistory, type FieldChange, type WriteProvenance } from './history.js';
import { canReach, ticketExtent, ticketNotFound, type TicketAccess } from './row-scope.js';
import { TicketVersionConflict } from './write-transaction.js';

/** Who writes, on whose behalf, and when: shared by every change of one store call. */
export interface TicketWrite {
  readonly access: TicketAccess;
  readonly provenance: WriteProvenance | undefined;
  /** The time of the write, ISO-8601 UTC. */
  readonly at: string;
}

/**
 * The answer to any write on a closed ticket. Closed is final (a resolved ticket is the one that
 * can still be reopened), so the way on is a new ticket that points back to this one.
 *
 * @example
 * if (row.status === 'closed') throw ticketClosed(row.id);
 */
export function ticketClosed(id: number): ToolError {
  return new ToolError(
    `ticket ${id} is closed; raise a new ticket with create_ticket and mention #${id}`,
  );
}

/**
 * Reads ticket `id` inside a write transaction, within the caller's write extent. A ticket the
 * caller cannot even read is "not found"; one they can read but not change says so; a closed
 * ticket refuses every write ({@link ticketClosed}), checked here so that no write path of the
 * store can miss it; so is the caller's `expectedVersion`, when given, whatever the write.
 */
export async function ticketForWrite(
  trx: Kysely<DeskTables>,
  access: TicketAccess,
  target: number | { readonly id: number; readonly expectedVersion?: number | undefined },
): Promise<TicketRow> {
  const { id, expectedVersion } = typeof target === 'number' ? { id: target } : target;
  const row = await trx
    .selectFrom('desk_tickets')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw ticketNotFound(id);
  if (canReach(access, row)) {
    if (row.status === 'closed') throw ticketClosed(id);
    if (expectedVersion !== undefined && expectedVersion !== row.version) {
      throw new ToolError(
        `ticket ${id} is at version ${row.version}, not ${expectedVersion}; ` +
          'read it again and reapply your change',
      );
    }
    return row;
  }
  const readExtent = ticketExtent(access.principal, 'read');
  if (readExtent !== undefined && canReach({ ...access, extent: readExtent }, row)) {
    throw new ToolError(
      `you can read ticket ${id} but not change it; only its requester can (or a caller with tickets:write:org)`,
    );
  }
  throw ticketNotFound(id);
}

/** A planned change to one ticket row: the columns to set and the history it leaves. */
export interface TicketChange {
  readonly set: DeskRowUpdate<'desk_tickets'>;
  readonly changes: readonly FieldChange[];
}

/**
 * Writes `change` to `ticket` if nobody else changed it since it was read (`version` still
 * matches), bumps the version and records the history, and keeps the learned text of the articles
 * its notes mention in step with whether it is solved; otherwise throws
 * {@link TicketVersionConflict} so the transaction runs again on the fresh row.
 */
export async function writeTicketChange(
  trx: Kysely<DeskTables>,
  write: TicketWrite,
  target: { readonly ticket: TicketRow; readonly change: TicketChange },
): Promise<TicketRow> {
  const { ticket, change } = target;
  const updated = await trx
    .updateTable('desk_tickets')
    .set({ ...change.set, version: ticket.version + 1, updated_at: write.at })
    .where('id', '=', ticket.id)
    .where('version', '=', ticket.version)
    .returningAll()
    .executeTakeFirst();
  if (updated === undefined) throw new TicketVersionConflict(ticket.id);
  // Solving or reopening a ticket teaches the articles and earlier tickets its notes mention.
  const statusChange = { ticketId: ticket.id, from: ticket.status, to: updated.status };
  await learnFromStatusChange(trx, statusChange);
  await learnTicketsFromStatusChange(trx, statusChange);
  await recordHistory(
    trx,
    { access: write.access, ticketId: ticket.id, provenance: write.provenance, at: write.at },
    change.changes,
  );
  return updated;
}

/** Adds `field` to `change` when `to` differs from `from`. */
export function changeIf(
  change: { set: DeskRowUpdate<'desk_tickets'>; changes: FieldChange[] },
  column: keyof DeskRowUpdate<'desk_tickets'>,
  values: { readonly from: unknown; readonly to: unknown },
): void {
  if (values.from === values.to) return;
  (change.set as Record<string, unknown>)[column] = values.to;
  change.changes.push({ field: column, from: values.from, to: values.to });
}
