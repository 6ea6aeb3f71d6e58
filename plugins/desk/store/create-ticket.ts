import { ToolError, type Principal } from '../../../core/index.js';
import { slaDueTimes } from '../sla/sla-clock.js';
import { loadSlaPolicies } from '../sla/sla-queries.js';
import { validateCustomFields } from './custom-fields.js';
import type { TicketStoreParts } from './get-ticket.js';
import { recordHistory, type WriteProvenance } from './history.js';
import { requireStaff, resolveTicketAccess } from './row-scope.js';
import { checkPriority, checkSummary, teamIdByKey } from './ticket-patch.js';
import { toTicket, type Ticket } from './ticket-view.js';
import { inWriteTransaction } from './write-transaction.js';

/** What {@link createTicket} needs; the type's defaults fill in what is left out. */
export interface NewTicket {
  /** The ticket type key, e.g. `incident` or `opportunity`. */
  readonly type: string;
  readonly summary: string;
  readonly details: string;
  /** 1–4; the type's default priority when left out. */
  readonly priority?: number;
  readonly category?: string;
  /** A team key; the type's default team when left out. Agents only. */
  readonly team?: string;
  /** Who the ticket is for; the caller when left out. Agents only for anyone else. */
  readonly requesterId?: number;
  /** Values of the type's own fields, checked against its field definitions. */
  readonly customFields?: Readonly<Record<string, unknown>>;
  readonly provenance?: WriteProvenance;
}

/**
 * Logs a ticket of a type: checks the type's own fields, takes team and priority defaults from the
 * type and SLA due times from the policy for its priority, and records the creation in history.
 */
export async function createTicket(
  parts: TicketStoreParts,
  principal: Principal,
  input: NewTicket,
): Promise<Ticket> {
  const access = await resolveTicketAccess(parts.directory, principal, 'write');
  if (input.team !== undefined) requireStaff(access, 'choosing the team');
  const requesterId = input.requesterId ?? access.actor?.id;
  if (requesterId === undefined) {
    throw new ToolError('requesterId is required: this caller is not a desk user');
  }
  if (!access.staff && requesterId !== access.actor?.id) {
    throw new ToolError('you can log tickets only for yourself');
  }
  const summary = checkSummary(input.summary);
  const at = parts.context.now().toISOString();
  const row = await inWriteTransaction(parts.context, async (trx) => {
    const types = await trx.selectFrom('desk_ticket_types').selectAll().orderBy('key').execute();
    const type = types.find((t) => t.key === input.type);
    if (type === undefined) {
      const known = types.map((t) => t.key).join(', ');
      throw new ToolError(`unknown ticket type "${input.type}"; types: ${known}`);
    }
    const requester = await trx
      .selectFrom('desk_users')
      .select(['id', 'organisation_id', 'active'])
      .where('id', '=', requesterId)
      .executeTakeFirst();
    if (requester === undefined || requester.active !== 1) {
      throw new ToolError(`user ${requesterId} not found or not active`);
    }
    const priority = checkPriority(input.priority ?? type.default_priority);
    const customFields = validateCustomFields(type, {}, input.customFields ?? {});
    const teamId =
      input.team !== undefined ? await teamIdByKey(trx, input.team) : type.default_team_id;
    const policy = (await loadSlaPolicies(trx)).get(priority);
    const due = policy === undefined ? undefined : slaDueTimes(policy, new Date(at));
    const ticket = await trx
      .insertInto('desk_tickets')
      .values({
        type_id: type.id,
        summary,
        details: input.details,
        status: 'new',
        priority,
        category: input.category ?? null,
        team_id: teamId,
        agent_id: null,
        requester_id: requester.id,
        organisation_id: requester.organisation_id,
        custom_fields: JSON.stringify(customFields),
        response_due_at: due?.response_due_at ?? null,
        resolution_due_at: due?.resolution_due_at ?? null,
        responded_at: null,
        resolved_at: null,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordHistory(trx, { access, ticketId: ticket.id, provenance: input.provenance, at }, [
      { field: 'created', from: null, to: `${type.key} P${priority}: ${summary}` },
    ]);
    return ticket;
  });
  return toTicket(row);
}
