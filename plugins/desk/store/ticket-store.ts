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
 * records its changes in the ticket's history; a closed ticket refuses every write.
 *
 * @example
 * const ticket = await desk.tickets.create(ctx.principal, { type: 'incident', summary, details });
 * await desk.tickets.addNote(ctx.principal, { ticketId: ticket.id, body: 'On it', provenance: 'ai' });
 */
export interface TicketStore {
  /**
   * A ticket with its notes, history, time logged and SLA state.
   *
   * @param principal - The caller, whose role and scopes decide what it reaches.
   * @param id - The ticket's number.
   * @returns The ticket as the caller may see it (an end user gets its public notes only, and its
   *   history without the rows about private notes), or undefined when it does not exist or is
   *   out of reach: the two are indistinguishable on purpose.
   * @rowScope Needs a `tickets:read:*` scope. An end user reaches the tickets they requested and,
   *   with `tickets:read:org`, their organisation's (an end user's `tickets:read:all` counts as
   *   `:org`; one who is not an active desk user reaches none). Agents, admins and service
   *   accounts holding any `tickets:read:*` scope reach every ticket.
   * @throws {TOOL_FAILED} The caller holds no `tickets:read:*` scope ("reading tickets needs the
   *   scope tickets:read:own (or :org, :all), which this caller does not hold").
   */
  get(principal: Principal, id: number): Promise<TicketDetail | undefined>;
  /**
   * Tickets matching `filter`, newest first, a page at a time. Pages are cut by a keyset cursor
   * (created_at, then id), so they do not shift while new tickets arrive.
   *
   * @param principal - The caller, whose role and scopes decide what it reaches.
   * @param filter - The filters a ticket search takes too (status, priority, team and type by key,
   *   agent, requester and organisation by id, category, `createdFrom` / `createdTo`), all
   *   combined with "and", plus `limit` (1–100, 25 by default) and the previous page's `cursor`.
   *   An unknown team or type key matches nothing. Left out: every ticket within reach.
   * @returns One page: `tickets`, and `nextCursor` unless it is the last page.
   * @rowScope Needs a `tickets:read:*` scope; the filters narrow the tickets within the caller's
   *   reach, never widen it. An end user reaches the tickets they requested and, with
   *   `tickets:read:org`, their organisation's; agents, admins and service accounts every ticket.
   * @throws {TOOL_FAILED} The caller holds no `tickets:read:*` scope.
   * @throws {TOOL_FAILED} `limit` is not a whole number from 1 to 100, or `cursor` is not one this
   *   server handed out.
   * @throws {TOOL_FAILED} `createdFrom` or `createdTo` is not an ISO-8601 date or time
   *   ("createdFrom must be an ISO-8601 date or time, e.g. 2026-03-01").
   */
  list(principal: Principal, filter?: TicketFilter): Promise<TicketPage>;
  /**
   * Logs a ticket of a ticket type, or from a service catalogue item, which gives its type and
   * default team. The type's defaults fill in what is left out, SLA due times come from the policy
   * for its priority, and the creation is recorded in its history (with the catalogue item, and
   * the organisation and agent an agent chose). A ticket logged with an agent starts open.
   *
   * @param principal - The caller, whose role and scopes decide what it reaches.
   * @param input - `type` or `catalogueItem`, `summary`, `details`, and optionally the priority,
   *   category, custom fields and provenance; `team`, `agentId`, `organisationId` and someone
   *   else's `requesterId` are for agents.
   * @returns The new ticket.
   * @rowScope Needs a `tickets:write:*` scope (any extent). An end user logs tickets only for
   *   themself, about their own organisation, and chooses neither team, agent nor organisation;
   *   agents, admins and service accounts log them for any active desk user. A caller who is not
   *   a desk user must name `requesterId`.
   * @throws {TOOL_FAILED} The caller holds no `tickets:write:*` scope ("changing tickets needs the
   *   scope tickets:write:own (or :org, :all), which this caller does not hold").
   * @throws {TOOL_FAILED} An end user chose the team, an agent or the organisation ("choosing the
   *   team is for agents; …"), or named another requester ("you can log tickets only for
   *   yourself"); or the caller is not a desk user and gave no `requesterId`.
   * @throws {TOOL_FAILED} Neither `type` nor `catalogueItem` was given (the message lists every
   *   type with the fields it needs), both were, or the one given does not exist.
   * @throws {TOOL_FAILED} A blank summary, a priority other than 1–4, custom fields that do not
   *   fit the type ("invalid custom fields for …"), an unknown team key, a requester who is not an
   *   active desk user, an organisation that does not exist, or an agent who is not an active
   *   agent or admin.
   * @throws {TOOL_FAILED} Concurrent writers won the race 200 times over ("the ticket is being
   *   changed by many callers at once; try again").
   */
  create(principal: Principal, input: NewTicket): Promise<Ticket>;
  /**
   * Changes a ticket, its assignment included, in one transaction with a history row per changed
   * field. Concurrent updates merge: each is applied to the row as it is when it commits (an
   * optimistic `version` check, retried on conflict), unless `expectedVersion` asks to be refused
   * instead. Resolving or closing sets `resolved_at`, reopening clears it; a new ticket that gets
   * an agent becomes open unless `status` says otherwise. An update that changes nothing writes
   * nothing.
   *
   * @param principal - The caller, whose role and scopes decide what it reaches.
   * @param id - The ticket's number.
   * @param update - The fields to change; those left out (or undefined) stay as they are.
   * @returns The ticket after the change.
   * @rowScope Needs a `tickets:write:*` scope, and the ticket within the caller's write reach: an
   *   end user's own tickets with `tickets:write:own`, their organisation's with
   *   `tickets:write:org`; agents, admins and service accounts every ticket. An end user may
   *   change only `details`; status, priority, summary, category, team, agent and custom fields
   *   are for staff.
   * @throws {TOOL_FAILED} The caller holds no `tickets:write:*` scope.
   * @throws {TOOL_FAILED} The ticket does not exist or the caller cannot read it ("ticket N not
   *   found"), or can read it but not change it ("you can read ticket N but not change it; …").
   * @throws {TOOL_FAILED} The ticket is closed ("ticket N is closed; raise a new ticket with
   *   create_ticket and mention #N"); nothing is written.
   * @throws {TOOL_FAILED} `expectedVersion` is given and the ticket has moved on ("ticket N is at
   *   version V, not E; read it again and reapply your change").
   * @throws {TOOL_FAILED} An end user changes more than `details` ("you can change only the
   *   details of your ticket (not status); add a note to tell the service desk more").
   * @throws {TOOL_FAILED} A blank summary, a status or priority that does not exist, an unknown
   *   team key, an agent who is not an active agent or admin, or custom fields that do not fit
   *   the ticket's type.
   * @throws {TOOL_FAILED} Concurrent writers won the race 200 times over ("the ticket is being
   *   changed by many callers at once; try again").
   */
  update(principal: Principal, id: number, update: TicketUpdate): Promise<Ticket>;
  /**
   * Assigns a ticket to an agent (`{ agentId }`), to the caller (`'me'`) or to nobody (`null`),
   * recorded in its history. A new ticket that gets an agent becomes open.
   *
   * @param principal - The caller, whose role and scopes decide what it reaches.
   * @param id - The ticket's number.
   * @param assignment - `to`, and `provenance`: `ai` when an assistant made the change.
   * @returns The ticket after the assignment.
   * @rowScope Needs a `tickets:write:*` scope and the ticket within the caller's write reach, as
   *   for `update`. Assigning is for agents, admins and service accounts only.
   * @throws {TOOL_FAILED} The caller holds no `tickets:write:*` scope.
   * @throws {TOOL_FAILED} The ticket is not found, read-only to the caller or closed, as for
   *   `update`.
   * @throws {TOOL_FAILED} The caller is an end user ("assigning a ticket is for agents; …").
   * @throws {TOOL_FAILED} `'me'` from a caller who is not a desk user, or an agent who is not an
   *   active agent or admin.
   * @throws {TOOL_FAILED} Concurrent writers won the race 200 times over.
   */
  assign(
    principal: Principal,
    id: number,
    assignment: { readonly to: Assignee; readonly provenance?: WriteProvenance },
  ): Promise<Ticket>;
  /**
   * Adds a note to a ticket with its provenance: written by a person, or by an AI assistant
   * through the caller's collection and client. An agent's first public note is the ticket's
   * first response (`responded_at`), and an agent's note leaves the status alone; a requester's
   * note on a pending ticket (waiting on them) or a resolved one (not fixed after all) reopens it.
   *
   * @param principal - The caller, whose role and scopes decide what it reaches.
   * @param note - The ticket, the body, its visibility (public by default) and provenance, and
   *   optionally the version the caller last read.
   * @returns The note as stored.
   * @rowScope Needs a `tickets:write:*` scope and the ticket within the caller's write reach, as
   *   for `update`. End users add public notes only; the author is the caller's desk user.
   * @throws {TOOL_FAILED} The caller holds no `tickets:write:*` scope.
   * @throws {TOOL_FAILED} The ticket is not found, read-only to the caller or closed, or has moved
   *   past `expectedVersion`, as for `update`.
   * @throws {TOOL_FAILED} An end user's private note ("private notes are for agents; add your note
   *   as a public one"), a caller who is not a desk user (a note needs an author), or a blank body.
   * @throws {TOOL_FAILED} Concurrent writers won the race 200 times over.
   */
  addNote(principal: Principal, note: NewNote): Promise<NoteRow>;
  /**
   * The quick actions there are: named bundles of status, team, priority and assignment changes,
   * with an optional templated e-mail to the requester, that agents run with `runQuickAction`.
   *
   * @param principal - The caller, whose role and scopes decide what it reaches.
   * @returns Every quick action by key; `changes` holds its changes as JSON.
   * @rowScope Needs a `tickets:read:*` scope; the list is the same for every caller holding one.
   * @throws {TOOL_FAILED} The caller holds no `tickets:read:*` scope.
   */
  listQuickActions(principal: Principal): Promise<readonly QuickActionRow[]>;
  /**
   * Runs quick action `key` on a ticket in one transaction: its changes, recorded in the history
   * under the action's key, and its templated e-mail to the requester, queued in the outbox. An
   * action that changes nothing and sends nothing writes nothing.
   *
   * @param principal - The caller, whose role and scopes decide what it reaches.
   * @param request - The ticket, the action's `key` and `provenance`.
   * @returns The ticket after the action and, when the action sends one, the queued e-mail.
   * @rowScope Needs a `tickets:write:*` scope and the ticket within the caller's write reach, as
   *   for `update`. Quick actions are for agents, admins and service accounts only.
   * @throws {TOOL_FAILED} The caller holds no `tickets:write:*` scope.
   * @throws {TOOL_FAILED} The ticket is not found, read-only to the caller or closed, as for
   *   `update`.
   * @throws {TOOL_FAILED} The caller is an end user ("running a quick action is for agents; …").
   * @throws {TOOL_FAILED} An unknown key (the message lists the keys there are), an action that
   *   assigns the caller when the caller is not a desk user, or one naming a team that is gone.
   * @throws {TOOL_FAILED} Concurrent writers won the race 200 times over.
   */
  runQuickAction(
    principal: Principal,
    request: {
      readonly ticketId: number;
      readonly key: string;
      readonly provenance?: WriteProvenance;
    },
  ): Promise<QuickActionOutcome>;
  /**
   * Logs minutes the caller worked on a ticket against the caller's desk user, and records them in
   * the ticket's history like any other change.
   *
   * @param principal - The caller, whose role and scopes decide what it reaches.
   * @param entry - The ticket, whole minutes from 1 to 1440 (one day), a note and provenance.
   * @returns The time entry as stored.
   * @rowScope Needs a `tickets:write:*` scope and the ticket within the caller's write reach, as
   *   for `update`, and the `time:write` scope besides.
   * @throws {TOOL_FAILED} The caller holds no `tickets:write:*` scope.
   * @throws {TOOL_FAILED} The ticket is not found, read-only to the caller or closed, as for
   *   `update`.
   * @throws {TOOL_FAILED} The caller holds no `time:write` scope ("logging time needs the
   *   time:write scope, which this caller does not hold").
   * @throws {TOOL_FAILED} The caller is not a desk user, or `minutes` is not a whole number from 1
   *   to 1440.
   * @throws {TOOL_FAILED} Concurrent writers won the race 200 times over.
   */
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
