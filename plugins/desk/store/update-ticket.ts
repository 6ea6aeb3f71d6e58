import { ToolError, type Principal } from '../../../core/index.js';
import type { TicketRow, TicketStatus } from '../schema/tables.js';
import type { TicketStoreParts } from './get-ticket.js';
import type { WriteProvenance } from './history.js';
import { requireStaff, resolveTicketAccess } from './row-scope.js';
import { checkAssignee, planTicketChange, teamIdByKey } from './ticket-patch.js';
import { toTicket, type Ticket } from './ticket-view.js';
import { ticketForWrite, writeTicketChange } from './ticket-write.js';
import { inWriteTransaction } from './write-transaction.js';

/** A new ticket that gets an agent is being worked on: open. */
function openedByAssignment(
  ticket: TicketRow,
  agentId: number | null | undefined,
): TicketStatus | undefined {
  return agentId !== undefined && agentId !== null && ticket.status === 'new' ? 'open' : undefined;
}

/** What `tickets.update` may change; fields left out stay as they are. */
export interface TicketUpdate {
  readonly summary?: string;
  readonly details?: string;
  readonly status?: TicketStatus;
  readonly priority?: number;
  readonly category?: string | null;
  /** A team key, or null for no team. */
  readonly team?: string | null;
  /**
   * The agent to assign (a desk user id), or null to unassign; staff only. Applied in the same
   * transaction as the other fields; a new ticket that gets an agent becomes open unless `status`
   * says otherwise.
   */
  readonly agentId?: number | null;
  /** Values of the type's own fields by key; null removes one. */
  readonly customFields?: Readonly<Record<string, unknown>>;
  /**
   * The version the caller last read. When given and the ticket has moved on, the update is
   * refused instead of merged, so the caller can look again first.
   */
  readonly expectedVersion?: number;
  readonly provenance?: WriteProvenance;
}

const endUserFields: ReadonlySet<string> = new Set(['details', 'expectedVersion', 'provenance']);

/**
 * Changes a ticket in one transaction with a history row per changed field, its assignment
 * included. Concurrent updates
 * merge: each is planned against the row as it is when it commits (optimistic `version` check,
 * retried on conflict), so no writer's change is lost. An end user may change only the details of
 * a ticket they requested; status, priority and triage are for agents.
 */
export async function updateTicket(
  parts: TicketStoreParts,
  principal: Principal,
  request: { readonly id: number; readonly update: TicketUpdate },
): Promise<Ticket> {
  const { id, update } = request;
  const access = await resolveTicketAccess(parts.directory, principal, 'write');
  const at = parts.context.now().toISOString();
  const row = await inWriteTransaction(parts.context, async (trx) => {
    const ticket = await ticketForWrite(trx, access, {
      id,
      expectedVersion: update.expectedVersion,
    });
    // Fields given as undefined are "leave as is", as tools pass optional inputs through.
    const forbidden = Object.entries(update)
      .filter(([key, value]) => value !== undefined && !endUserFields.has(key))
      .map(([key]) => key);
    if (!access.staff && forbidden.length > 0) {
      throw new ToolError(
        `you can change only the details of your ticket (not ${forbidden.join(', ')}); ` +
          'add a note to tell the service desk more',
      );
    }
    const teamId =
      update.team === undefined || update.team === null
        ? update.team
        : await teamIdByKey(trx, update.team);
    if (update.agentId !== undefined && update.agentId !== null) {
      await checkAssignee(trx, update.agentId);
    }
    const status = update.status ?? openedByAssignment(ticket, update.agentId);
    const change = await planTicketChange(trx, ticket, { ...update, teamId, status, at });
    if (change.changes.length === 0) return ticket;
    return writeTicketChange(
      trx,
      { access, provenance: update.provenance, at },
      { ticket, change },
    );
  });
  return toTicket(row);
}

/** Who to assign a ticket to: the caller, or an agent by desk user id. */
export type Assignee = 'me' | { readonly agentId: number } | null;

/**
 * Assigns a ticket to an agent (or to the caller, or to nobody with null). A new ticket that gets
 * an agent becomes open. Agents only.
 */
export async function assignTicket(
  parts: TicketStoreParts,
  principal: Principal,
  request: { readonly id: number; readonly to: Assignee; readonly provenance?: WriteProvenance },
): Promise<Ticket> {
  const access = await resolveTicketAccess(parts.directory, principal, 'write');
  const at = parts.context.now().toISOString();
  const row = await inWriteTransaction(parts.context, async (trx) => {
    const ticket = await ticketForWrite(trx, access, request.id);
    requireStaff(access, 'assigning a ticket');
    let agentId: number | null = null;
    if (request.to === 'me') {
      if (access.actor === undefined)
        throw new ToolError('this caller is not a desk user, so cannot be assigned');
      agentId = access.actor.id;
    } else if (request.to !== null) {
      agentId = request.to.agentId;
    }
    if (agentId !== null) await checkAssignee(trx, agentId);
    const status = openedByAssignment(ticket, agentId);
    const change = await planTicketChange(trx, ticket, { agentId, status, at });
    if (change.changes.length === 0) return ticket;
    return writeTicketChange(
      trx,
      { access, provenance: request.provenance, at },
      { ticket, change },
    );
  });
  return toTicket(row);
}
