import { ToolError, type Principal } from '../../../core/index.js';
import { learnFromPublicNote } from '../knowledge/learned-article-text.js';
import type { DeskRowUpdate, NoteRow, NoteVisibility, TicketStatus } from '../schema/tables.js';
import type { TicketStoreParts } from './get-ticket.js';
import { learnTicketsFromNote } from './learned-ticket-text.js';
import { privateNoteField, type FieldChange, type WriteProvenance } from './history.js';
import { resolveTicketAccess } from './row-scope.js';
import { planTicketChange } from './ticket-patch.js';
import { ticketForWrite, writeTicketChange } from './ticket-write.js';
import { inWriteTransaction } from './write-transaction.js';

/** A note to add: what `tickets.addNote` needs. */
export interface NewNote {
  readonly ticketId: number;
  readonly body: string;
  /** Public notes are shown to the requester; private ones only to agents. Public by default. */
  readonly visibility?: NoteVisibility;
  /** `ai` when an assistant wrote the note; the collection and client are taken from the caller. */
  readonly provenance?: WriteProvenance;
  /** The ticket's version as the caller last read it; the note is refused if it changed since. */
  readonly expectedVersion?: number;
}

/** Statuses a requester's note hands back to the desk as open. */
const reopenedByRequester: ReadonlySet<TicketStatus> = new Set(['pending', 'resolved']);

/**
 * Adds a note to a ticket, with its provenance: written by a person, or by an AI assistant through
 * the caller's collection and client. An agent's first public note is the ticket's first response
 * (`responded_at`). End users add public notes to tickets they may change; their note on a
 * pending ticket (waiting on them) or a resolved one (not fixed after all) reopens it. An agent's
 * note leaves the status alone. A closed ticket takes no notes ({@link ticketForWrite}).
 */
export async function addNote(
  parts: TicketStoreParts,
  principal: Principal,
  input: NewNote,
): Promise<NoteRow> {
  const access = await resolveTicketAccess(parts.directory, principal, 'write');
  const visibility = input.visibility ?? 'public';
  const body = input.body.trim();
  const at = parts.context.now().toISOString();
  return inWriteTransaction(parts.context, async (trx) => {
    const ticket = await ticketForWrite(trx, access, {
      id: input.ticketId,
      expectedVersion: input.expectedVersion,
    });
    if (!access.staff && visibility === 'private') {
      throw new ToolError('private notes are for agents; add your note as a public one');
    }
    if (access.actor === undefined) {
      throw new ToolError('notes need an author, and this caller is not a desk user');
    }
    if (body === '') throw new ToolError('a note must not be blank');
    const ai = input.provenance === 'ai';
    const note = await trx
      .insertInto('desk_notes')
      .values({
        ticket_id: ticket.id,
        author_id: access.actor.id,
        body,
        visibility,
        provenance: ai ? 'ai' : 'human',
        ai_collection: ai ? principal.collectionId : null,
        ai_client: ai ? principal.clientId : null,
        created_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const set: DeskRowUpdate<'desk_tickets'> = {};
    const changes: FieldChange[] = [
      {
        field: visibility === 'private' ? privateNoteField : 'note.public',
        from: null,
        to: note.id,
      },
    ];
    if (access.staff && visibility === 'public' && ticket.responded_at === null) {
      set.responded_at = at;
      changes.push({ field: 'responded_at', from: null, to: at });
    }
    // A requester answering a ticket that waits on them, or saying a resolved one is not fixed,
    // hands it back to the desk (reopening clears resolved_at).
    if (!access.staff && reopenedByRequester.has(ticket.status)) {
      const reopen = await planTicketChange(trx, ticket, { status: 'open', at });
      Object.assign(set, reopen.set);
      changes.push(...reopen.changes);
    }
    const written = await writeTicketChange(
      trx,
      { access, provenance: input.provenance, at },
      { ticket, change: { set, changes } },
    );
    // A public note that points to an article links the two; a solved ticket teaches it at once.
    if (visibility === 'public') {
      await learnFromPublicNote(trx, { ticketId: ticket.id, status: written.status, body });
    }
    // Any note naming an earlier ticket of the organisation links them (#4821, ticket 4821).
    await learnTicketsFromNote(
      trx,
      { id: ticket.id, organisationId: ticket.organisation_id, status: written.status },
      body,
    );
    return note;
  });
}
