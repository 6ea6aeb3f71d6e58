import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { DeskTables, SlaPolicyRow, TicketRow } from '../schema/tables.js';
import { atRiskCutoff, resolvedStatuses, slaStatus, type SlaStatus } from './sla-clock.js';

/** An open ticket that is at risk of breaching its SLA, or has breached it. */
export interface SlaAlert {
  readonly ticket: TicketRow;
  readonly sla: SlaStatus & { readonly state: 'at_risk' | 'breached' };
}

/** Options of {@link findSlaAlerts}. */
export interface SlaAlertQuery {
  readonly now: Date;
  /** Which alerts to list; both when left out. */
  readonly states?: readonly ('at_risk' | 'breached')[];
  /** At most this many, most urgent first; 100 when left out. */
  readonly limit?: number;
  /** An extra condition on `desk_tickets`, e.g. the caller's row scope. */
  readonly restrict?: (eb: ExpressionBuilder<DeskTables, 'desk_tickets'>) => Expression<SqlBool>;
}

/** The SLA policies by priority. Takes any Kysely, so a write transaction can use it too. */
export async function loadSlaPolicies(
  db: Kysely<DeskTables>,
): Promise<ReadonlyMap<number, SlaPolicyRow>> {
  const rows = await db.selectFrom('desk_sla_policies').selectAll().orderBy('priority').execute();
  return new Map(rows.map((row) => [row.priority, row]));
}

/**
 * Open tickets that have breached their resolution SLA or are at risk of it, the most urgent
 * (earliest due) first. Tickets whose priority has no policy are never listed.
 *
 * The at-risk threshold depends on each priority's policy, so the condition is one due-time
 * cutoff per policy; ISO-8601 UTC strings compare correctly as text on both engines.
 */
export async function findSlaAlerts(
  db: Kysely<DeskTables>,
  query: SlaAlertQuery,
): Promise<readonly SlaAlert[]> {
  const policies = await loadSlaPolicies(db);
  if (policies.size === 0) return [];
  const states = new Set(query.states ?? ['at_risk', 'breached']);
  const nowIso = query.now.toISOString();
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 1000);

  // Per priority, the latest due time that can alert now: the at-risk cutoff, or now itself
  // when only breaches are wanted.
  const bounds = [...policies.values()].map((policy) => ({
    priority: policy.priority,
    dueBy: states.has('at_risk') ? atRiskCutoff(policy, query.now) : nowIso,
  }));
  // The overall bound lets the partial index of open tickets by due time narrow the scan.
  const latest = bounds.map((b) => b.dueBy).reduce((a, b) => (a > b ? a : b));
  const dueOperator = states.has('at_risk') ? '<=' : '<';
  let select = db
    .selectFrom('desk_tickets')
    .selectAll()
    .where('status', 'not in', resolvedStatuses)
    .where('resolved_at', 'is', null)
    .where('resolution_due_at', '<=', latest)
    .where((eb) =>
      eb.or(
        bounds.map(({ priority, dueBy }) =>
          eb.and([eb('priority', '=', priority), eb('resolution_due_at', dueOperator, dueBy)]),
        ),
      ),
    );
  if (!states.has('breached')) select = select.where('resolution_due_at', '>=', nowIso);
  if (query.restrict !== undefined) select = select.where(query.restrict);
  const rows = await select.orderBy('resolution_due_at').orderBy('id').limit(limit).execute();

  const alerts: SlaAlert[] = [];
  for (const ticket of rows) {
    const sla = slaStatus(ticket, policies.get(ticket.priority), query.now);
    if (sla.state !== 'ok' && states.has(sla.state))
      alerts.push({ ticket, sla: { ...sla, state: sla.state } });
  }
  return alerts;
}
