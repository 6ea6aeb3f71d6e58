import type { Principal } from '../../../core/index.js';
import type { SlaPolicyRow, TicketRow } from '../schema/tables.js';
import type { DeskDirectory } from '../store/directory.js';
import { resolveTicketAccess, ticketsVisibleTo } from '../store/row-scope.js';
import type { DeskStoreContext } from '../store/store-context.js';
import { slaStatus, type SlaStatus } from './sla-clock.js';
import { findSlaAlerts, loadSlaPolicies, type SlaAlert } from './sla-queries.js';

/** The SLA part of the desk store. */
export interface DeskSla {
  /** The SLA policies, one per priority, in priority order. */
  listPolicies(principal: Principal): Promise<readonly SlaPolicyRow[]>;
  /** `ticket`'s SLA standing now, under the policy of its current priority. */
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
   * Breached and at-risk open tickets the caller may read, most urgent first. Needs a
   * `tickets:read:*` scope; an end user sees only their own (or their organisation's).
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
