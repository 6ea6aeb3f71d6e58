import type { Principal } from '../../../core/index.js';
import type { NoteRow, QuickActionRow, TimeEntryRow } from '../schema/tables.js';
import { createTicket, type NewTicket } from './create-ticket.js';
import type { DeskDirectory } from './directory.js';
import { getTicketDetail, type TicketDetail, type TicketStoreParts } from './get-ticket.js';
import type { WriteProvenance } from './history.js';
import { addNote, type NewNote } from './notes.js';
import { listQuickActions, runQuickAction, type QuickActionOutcome } from './quick-actions.js';
import { resolveTicketAccess } from './row-scope.js';
import type { DeskStoreContext } from './store-context.js';
import { listTicketRows, type TicketFilter } from './ticket-list.js';
import { toTicket, type Ticket } from './ticket-view.js';
import { logTime, type NewTimeEntry } from './time-entries.js';
import { assignTicket, updateTicket, type Assignee, type TicketUpdate } from './update-ticket.js';

/** One page of {@link TicketStore.list}; `nextCursor` is absent on the last page. */
export interface TicketPage {
  readonly tickets: readonly Ticket[];
  readonly nextCursor?: string;
}

/**
 * Tickets and what hangs off them. Every method takes the caller's principal first and applies
 * row scope itself: an end user reaches only the tickets they requested (their organisation's with
 * a `tickets:*:org` scope), agents, admins and services every ticket. A ticket out of reach is
 * "not found" — exactly like one that does not exist. Every write runs in one transaction and
 * records its changes in the ticket's history.
 *
 * @example
 * const ticket = await desk.tickets.create(ctx.principal, { type: 'incident', summary, details });
 * await desk.tickets.addNote(ctx.principal, { ticketId: ticket.id, body: 'On it', provenance: 'ai' });
 */
export interface TicketStore {
  /** A ticket with notes, history, time logged and SLA state; undefined when not found. */
  get(principal: Principal, id: number): Promise<TicketDetail | undefined>;
  /** Tickets matching `filter`, newest first, a page at a time. */
  list(principal: Principal, filter?: TicketFilter): Promise<TicketPage>;
  create(principal: Principal, input: NewTicket): Promise<Ticket>;
  update(principal: Principal, id: number, update: TicketUpdate): Promise<Ticket>;
  /** Assigns to an agent (`{ agentId }`), to the caller (`'me'`) or to nobody (`null`). */
  assign(
    principal: Principal,
    id: number,
    assignment: { readonly to: Assignee; readonly provenance?: WriteProvenance },
  ): Promise<Ticket>;
  addNote(principal: Principal, note: NewNote): Promise<NoteRow>;
  listQuickActions(principal: Principal): Promise<readonly QuickActionRow[]>;
  runQuickAction(
    principal: Principal,
    request: {
      readonly ticketId: number;
      readonly key: string;
      readonly provenance?: WriteProvenance;
    },
  ): Promise<QuickActionOutcome>;
  logTime(principal: Principal, entry: NewTimeEntry): Promise<TimeEntryRow>;
}

/** Creates the ticket part of the desk store. */
export function createTicketStore(
  context: DeskStoreContext,
  directory: DeskDirectory,
): TicketStore {
  const parts: TicketStoreParts = { context, directory };
  return Object.freeze({
    get: (principal, id) => getTicketDetail(parts, principal, id),
    async list(principal, filter = {}) {
      const access = await resolveTicketAccess(directory, principal, 'read');
      const page = await listTicketRows(context.db, access, filter);
      const tickets = page.rows.map(toTicket);
      return page.nextCursor === undefined ? { tickets } : { tickets, nextCursor: page.nextCursor };
    },
    create: (principal, input) => createTicket(parts, principal, input),
    update: (principal, id, update) => updateTicket(parts, principal, { id, update }),
    assign: (principal, id, assignment) => assignTicket(parts, principal, { id, ...assignment }),
    addNote: (principal, note) => addNote(parts, principal, note),
    async listQuickActions(principal) {
      await resolveTicketAccess(directory, principal, 'read');
      return listQuickActions(parts);
    },
    runQuickAction: (principal, request) => runQuickAction(parts, principal, request),
    logTime: (principal, entry) => logTime(parts, principal, entry),
  } satisfies TicketStore);
}
