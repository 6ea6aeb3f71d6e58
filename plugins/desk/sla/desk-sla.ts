import type { Principal } from '../../../core/index.js';
import type { SlaPolicyRow, TicketRow } from '../schema/tables.js';
import type { DeskDirectory } from '../store/directory.js';
import { resolveTicketAccess, ticketsVisibleTo } from '../store/row-scope.js';
import type { DeskStoreContext } from '../store/store-context.js';
import { slaStatus, type SlaStatus } from './sla-clock.js';
import { findSlaAlerts, loadSlaPolicies, type SlaAlert } from './sla-queries.js';

/**
 * The SLA part of the desk store: the policies (one per priority: response and resolution targets,
 * and when a ticket counts as at risk), a ticket's standing against them, and the tickets at risk
 * of breaching or breached.
 *
 * @example
 * const breached = await desk.sla.alerts(ctx.principal, { states: ['breached'], limit: 10 });
 * const policies = await desk.sla.listPolicies(ctx.principal);
 */
export interface DeskSla {
  /**
   * The SLA policies, one per priority, in priority order.
   *
   * @param principal - The caller.
   * @returns Every policy: its response and resolution targets in minutes, and the share of the
   *   resolution time after which a ticket is at risk.
   * @rowScope Not row-scoped: the same for every caller. No scope is checked.
   */
  listPolicies(principal: Principal): Promise<readonly SlaPolicyRow[]>;
  /**
   * `ticket`'s SLA standing now, under the policy of its current priority.
   *
   * @param principal - The caller.
   * @param ticket - The ticket's priority, status and SLA times, e.g. from a ticket the caller has
   *   read.
   * @returns `ok`, `at_risk` or `breached`, the minutes remaining (negative once breached; the
   *   clock stops at resolution), the due times, and whether the first response is late.
   * @rowScope Reads no ticket: it works from the fields given, so it reaches nothing the caller
   *   does not already hold. No scope is checked.
   */
  statusOf(
    principal: Principal,
    ticket: Pick<
      TicketRow,
      | 'priority'
      | 'status'
      | 'response_due_at'
      | 'resolution_due_at'
      | 'responded_at'
      | 'resolved_at'
    >,
  ): Promise<SlaStatus>;
  /**
   * Open tickets that have breached their resolution SLA or are at risk of it, most urgent
   * (earliest due) first. A ticket whose priority has no policy is never listed.
   *
   * @param principal - The caller, whose role and scopes decide what it reaches.
   * @param options - `states`: `at_risk`, `breached` or both (the default); `limit`: at most this
   *   many, 100 by default, kept within 1–1000.
   * @returns Each ticket with its SLA standing.
   * @rowScope Needs a `tickets:read:*` scope, and lists only tickets within the caller's read
   *   reach, as `tickets.list` does: an end user's own (their organisation's with
   *   `tickets:read:org`), every ticket for agents, admins and service accounts.
   * @throws {TOOL_FAILED} The caller holds no `tickets:read:*` scope.
   */
  alerts(
    principal: Principal,
    options?: { readonly states?: readonly ('at_risk' | 'breached')[]; readonly limit?: number },
  ): Promise<readonly SlaAlert[]>;
}

/** Creates the SLA part of the desk store. */
export function createDeskSla(context: DeskStoreContext, directory: DeskDirectory): DeskSla {
  const { db, now } = context;
  return Object.freeze({
    listPolicies: async () => [...(await loadSlaPolicies(db)).values()],
    async statusOf(_principal, ticket) {
      const policies = await loadSlaPolicies(db);
      return slaStatus(ticket, policies.get(ticket.priority), now());
    },
    async alerts(principal, options = {}) {
      const access = await resolveTicketAccess(directory, principal, 'read');
      return findSlaAlerts(db, { ...options, now: now(), restrict: ticketsVisibleTo(access) });
    },
  } satisfies DeskSla);
}
