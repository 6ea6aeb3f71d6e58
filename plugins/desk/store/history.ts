import type { Kysely } from 'kysely';
import type { DeskTables, HistoryProvenance, TicketHistoryRow } from '../schema/tables.js';
import type { TicketAccess } from './row-scope.js';

/** Who wrote a change: a person, or an AI assistant acting for them. */
export type WriteProvenance = 'human' | 'ai';

/** One field of a ticket that changed. Values are stored as text: JSON for anything not a string. */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** What a history row says besides the change itself. */
export interface HistoryStamp {
  readonly access: TicketAccess;
  readonly ticketId: number;
  readonly provenance: WriteProvenance | undefined;
  readonly at: string;
}

/** A history value as stored: null stays null, strings stay as they are, the rest is JSON. */
export function historyValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A change with no desk user behind it (a service token) is the system's; otherwise it is the
 * person's, or the AI's when the caller says an assistant wrote it.
 */
export function historyProvenance(
  access: TicketAccess,
  provenance: WriteProvenance | undefined,
): HistoryProvenance {
  if (provenance === 'ai') return 'ai';
  return access.actor === undefined ? 'system' : 'human';
}

/** Records `changes` in `desk_ticket_history`, inside the caller's transaction. */
export async function recordHistory(
  trx: Kysely<DeskTables>,
  stamp: HistoryStamp,
  changes: readonly FieldChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const provenance = historyProvenance(stamp.access, stamp.provenance);
  await trx
    .insertInto('desk_ticket_history')
    .values(
      changes.map((change) => ({
        ticket_id: stamp.ticketId,
        actor_id: stamp.access.actor?.id ?? null,
        field: change.field,
        old_value: historyValue(change.from),
        new_value: historyValue(change.to),
        provenance,
        collection: stamp.access.principal.collectionId,
        client: stamp.access.principal.clientId,
        principal: stamp.access.principal.userId,
        correlation_id: stamp.access.principal.correlationId ?? null,
        at: stamp.at,
      })),
    )
    .execute();
}

/** History rows about private notes; end users never see them. */
export const privateNoteField = 'note.private';

/** A ticket's history, oldest first; end users get it without the rows about private notes. */
export async function ticketHistory(
  db: Kysely<DeskTables>,
  access: TicketAccess,
  ticketId: number,
): Promise<TicketHistoryRow[]> {
  let query = db
    .selectFrom('desk_ticket_history')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('at')
    .orderBy('id');
  if (!access.staff) query = query.where('field', '!=', privateNoteField);
  return query.execute();
}
