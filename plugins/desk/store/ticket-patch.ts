import type { Kysely } from 'kysely';
import { ToolError } from '../../../core/index.js';
import {
  ticketStatuses,
  type DeskRowUpdate,
  type DeskTables,
  type TicketRow,
  type TicketStatus,
} from '../schema/tables.js';
import { parseCustomFields, validateCustomFields } from './custom-fields.js';
import type { FieldChange } from './history.js';
import { slaDueTimesOnPriorityChange } from '../sla/sla-clock.js';
import { loadSlaPolicies } from '../sla/sla-queries.js';
import { changeIf, type TicketChange } from './ticket-write.js';
import { isFinished } from './ticket-view.js';

/** What a write may change on a ticket, with references already resolved to ids. */
export interface ResolvedPatch {
  readonly summary?: string;
  readonly details?: string;
  readonly status?: TicketStatus;
  readonly priority?: number;
  readonly category?: string | null;
  readonly teamId?: number | null;
  readonly agentId?: number | null;
  /** Values by field key; null removes one. */
  readonly customFields?: Readonly<Record<string, unknown>>;
}

/** Checks a priority: 1 (critical) to 4 (low). */
export function checkPriority(priority: number): number {
  if (!Number.isInteger(priority) || priority < 1 || priority > 4) {
    throw new ToolError('priority must be 1 (critical), 2 (high), 3 (medium) or 4 (low)');
  }
  return priority;
}

/** Checks a status against the workflow's statuses. */
export function checkStatus(status: string): TicketStatus {
  if (!(ticketStatuses as readonly string[]).includes(status)) {
    throw new ToolError(`status must be one of ${ticketStatuses.join(', ')}`);
  }
  return status as TicketStatus;
}

/** Checks a summary: one line of text, not blank. */
export function checkSummary(summary: string): string {
  const trimmed = summary.trim();
  if (trimmed === '') throw new ToolError('summary must not be blank');
  return trimmed;
}

/** The id of team `key`, or a ToolError listing the teams there are. */
export async function teamIdByKey(db: Kysely<DeskTables>, key: string): Promise<number> {
  const teams = await db.selectFrom('desk_teams').select(['id', 'key']).orderBy('key').execute();
  const team = teams.find((t) => t.key === key);
  if (team === undefined) {
    throw new ToolError(`unknown team "${key}"; teams: ${teams.map((t) => t.key).join(', ')}`);
  }
  return team.id;
}

/**
 * Plans how `patch` changes `ticket`: the columns to set and one history entry per changed
 * field. A priority change recomputes the SLA due times; resolving sets `resolved_at` and
 * reopening clears it. Planned against the row as read now, so a retried write merges with
 * whatever a concurrent writer changed meanwhile.
 */
export async function planTicketChange(
  trx: Kysely<DeskTables>,
  ticket: TicketRow,
  patch: ResolvedPatch & { readonly at: string },
): Promise<TicketChange> {
  const plan = { set: {} as DeskRowUpdate<'desk_tickets'>, changes: [] as FieldChange[] };
  if (patch.summary !== undefined) {
    changeIf(plan, 'summary', { from: ticket.summary, to: checkSummary(patch.summary) });
  }
  if (patch.details !== undefined)
    changeIf(plan, 'details', { from: ticket.details, to: patch.details });
  if (patch.category !== undefined) {
    changeIf(plan, 'category', { from: ticket.category, to: patch.category });
  }
  if (patch.teamId !== undefined)
    changeIf(plan, 'team_id', { from: ticket.team_id, to: patch.teamId });
  if (patch.agentId !== undefined) {
    changeIf(plan, 'agent_id', { from: ticket.agent_id, to: patch.agentId });
  }
  if (patch.status !== undefined) {
    const status = checkStatus(patch.status);
    changeIf(plan, 'status', { from: ticket.status, to: status });
    const resolvedAt = isFinished(status) ? (ticket.resolved_at ?? patch.at) : null;
    changeIf(plan, 'resolved_at', { from: ticket.resolved_at, to: resolvedAt });
  }
  if (patch.priority !== undefined && checkPriority(patch.priority) !== ticket.priority) {
    changeIf(plan, 'priority', { from: ticket.priority, to: patch.priority });
    const policy = (await loadSlaPolicies(trx)).get(patch.priority);
    const due =
      policy === undefined
        ? {
            response_due_at: ticket.responded_at === null ? null : ticket.response_due_at,
            resolution_due_at: null,
          }
        : slaDueTimesOnPriorityChange(ticket, policy, new Date(patch.at));
    changeIf(plan, 'response_due_at', { from: ticket.response_due_at, to: due.response_due_at });
    changeIf(plan, 'resolution_due_at', {
      from: ticket.resolution_due_at,
      to: due.resolution_due_at,
    });
  }
  if (patch.customFields !== undefined && Object.keys(patch.customFields).length > 0) {
    const type = await trx
      .selectFrom('desk_ticket_types')
      .selectAll()
      .where('id', '=', ticket.type_id)
      .executeTakeFirstOrThrow();
    const current = parseCustomFields(ticket.custom_fields);
    const next = validateCustomFields(type, { current, changes: patch.customFields });
    const keys = new Set([...Object.keys(current), ...Object.keys(next)]);
    for (const key of [...keys].sort()) {
      if (current[key] === next[key]) continue;
      plan.changes.push({
        field: `custom_fields.${key}`,
        from: current[key] ?? null,
        to: next[key] ?? null,
      });
    }
    if (plan.changes.some((c) => c.field.startsWith('custom_fields.'))) {
      plan.set.custom_fields = JSON.stringify(next);
    }
  }
  return plan;
}

/**
 * Throws unless user `agentId` is an active agent or admin: only they take tickets.
 *
 * @example
 * if (input.agentId !== undefined) await checkAssignee(trx, input.agentId);
 */
export async function checkAssignee(trx: Kysely<DeskTables>, agentId: number): Promise<void> {
  const agent = await trx
    .selectFrom('desk_users')
    .select(['role', 'active'])
    .where('id', '=', agentId)
    .executeTakeFirst();
  if (agent === undefined || agent.active !== 1 || agent.role === 'end_user') {
    throw new ToolError(`user ${agentId} is not an active agent; tickets go to agents or admins`);
  }
}
