import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { ToolError, type Principal } from '../../../core/index.js';
import type { DeskTables, TicketRow } from '../schema/tables.js';
import type { DeskDirectory, DeskUser } from './directory.js';

/** How far a principal reaches among tickets: those they requested, their organisation's, all. */
export type TicketExtent = 'own' | 'org' | 'all';

/** Reading or changing tickets; each needs its own `tickets:<action>:<extent>` scope. */
export type TicketAction = 'read' | 'write';

/** Who is acting on tickets and how far they reach: resolved once per store call. */
export interface TicketAccess {
  readonly principal: Principal;
  /** The desk user behind the principal; undefined for e.g. a service token with no user. */
  readonly actor: DeskUser | undefined;
  readonly extent: TicketExtent;
  /** True for agents, admins and services: they may triage, assign and run quick actions. */
  readonly staff: boolean;
}

const extentsWidestFirst: readonly TicketExtent[] = ['all', 'org', 'own'];

/**
 * The widest `tickets:<action>:*` extent `principal` holds, or undefined for none. End users never
 * reach beyond their organisation, whatever a custom role policy grants; staff holding any extent
 * reach every ticket (DESIGN §3 "Row scope": agents see all).
 */
export function ticketExtent(principal: Principal, action: TicketAction): TicketExtent | undefined {
  const held = extentsWidestFirst.find((e) => principal.scopes.has(`tickets:${action}:${e}`));
  if (held === undefined) return undefined;
  if (principal.role !== 'end_user') return 'all';
  return held === 'all' ? 'org' : held;
}

/**
 * Resolves who `principal` is and how far they reach for `action`; throws a ToolError naming the
 * missing scope when they hold no `tickets:<action>:*` scope at all.
 */
export async function resolveTicketAccess(
  directory: DeskDirectory,
  principal: Principal,
  action: TicketAction,
): Promise<TicketAccess> {
  const extent = ticketExtent(principal, action);
  if (extent === undefined) {
    throw new ToolError(
      `${action === 'read' ? 'reading' : 'changing'} tickets needs the scope ` +
        `tickets:${action}:own (or :org, :all), which this caller does not hold`,
    );
  }
  const actor = await directory.resolvePrincipal(principal);
  return Object.freeze({ principal, actor, extent, staff: principal.role !== 'end_user' });
}

/**
 * The row-scope condition on `desk_tickets` for `access`: every ticket query of the store adds it,
 * so a ticket outside the caller's reach behaves exactly like one that does not exist.
 *
 * @example
 * db.selectFrom('desk_tickets').selectAll().where(ticketsVisibleTo(access))
 */
export function ticketsVisibleTo(
  access: TicketAccess,
): (eb: ExpressionBuilder<DeskTables, 'desk_tickets'>) => Expression<SqlBool> {
  return (eb) => {
    if (access.extent === 'all') return sql<SqlBool>`1 = 1`;
    const actor = access.actor;
    // An end user with no desk user behind them reaches nothing.
    if (actor === undefined) return sql<SqlBool>`1 = 0`;
    const own = eb('desk_tickets.requester_id', '=', actor.id);
    if (access.extent === 'own' || actor.organisation_id === null) return own;
    return eb.or([own, eb('desk_tickets.organisation_id', '=', actor.organisation_id)]);
  };
}

/** The one answer for a ticket that does not exist or is outside the caller's reach. */
export function ticketNotFound(id: number): ToolError {
  return new ToolError(`ticket ${id} not found`);
}

/** True when `ticket` is within `access` (the in-memory twin of {@link ticketsVisibleTo}). */
export function canReach(access: TicketAccess, ticket: TicketRow): boolean {
  if (access.extent === 'all') return true;
  const actor = access.actor;
  if (actor === undefined) return false;
  if (ticket.requester_id === actor.id) return true;
  return (
    access.extent === 'org' &&
    actor.organisation_id !== null &&
    ticket.organisation_id === actor.organisation_id
  );
}

/** Throws unless the caller is staff: triage (team, assignment, quick actions) is theirs alone. */
export function requireStaff(access: TicketAccess, what: string): void {
  if (!access.staff) {
    throw new ToolError(
      `${what} is for agents; you can update your ticket's details or add a note`,
    );
  }
}
