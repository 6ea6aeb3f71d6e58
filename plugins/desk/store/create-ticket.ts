import type { Kysely } from 'kysely';
import { ToolError, type Principal } from '../../../core/index.js';
import type { CatalogueItemRow, DeskTables, TicketTypeRow } from '../schema/tables.js';
import { slaDueTimes } from '../sla/sla-clock.js';
import { loadSlaPolicies } from '../sla/sla-queries.js';
import { fieldDefinitions, fieldNeed, validateCustomFields } from './custom-fields.js';
import type { TicketStoreParts } from './get-ticket.js';
import { recordHistory, type WriteProvenance } from './history.js';
import { requireStaff, resolveTicketAccess } from './row-scope.js';
import { checkAssignee, checkPriority, checkSummary, teamIdByKey } from './ticket-patch.js';
import { toTicket, type Ticket } from './ticket-view.js';
import { inWriteTransaction } from './write-transaction.js';

/** What `tickets.create` needs; the type's defaults fill in the rest. */
export interface NewTicket {
  /** The ticket type key, e.g. `incident` or `opportunity`. Give this or `catalogueItem`. */
  readonly type?: string;
  /**
   * Instead of `type`: a service catalogue item (request form) key, e.g. `vpn-access`. The ticket
   * takes the item's ticket type and, unless a team is chosen, the item's default team — for every
   * caller, end users included.
   */
  readonly catalogueItem?: string;
  readonly summary: string;
  readonly details: string;
  /** 1–4; the type's default priority when left out. */
  readonly priority?: number;
  readonly category?: string;
  /** A team key; the catalogue item's or the type's default team when left out. Agents only. */
  readonly team?: string;
  /** Who the ticket is for; the caller when left out. Agents only for anyone else. */
  readonly requesterId?: number;
  /** Values of the type's own fields, checked against its field definitions. */
  readonly customFields?: Readonly<Record<string, unknown>>;
  /**
   * The agent to assign at once (a desk user id); agents only, and it must be an active agent or
   * admin. A ticket logged with an agent starts open.
   */
  readonly agentId?: number;
  /**
   * The organisation the ticket is about (an id), e.g. the customer of an opportunity; the
   * requester's organisation when left out. Agents only.
   */
  readonly organisationId?: number;
  readonly provenance?: WriteProvenance;
}

/** The organisation a new ticket is about: the one chosen (which must exist) or the requester's. */
async function organisationOf(
  trx: Kysely<DeskTables>,
  input: { readonly chosen: number | undefined; readonly requesters: number | null },
): Promise<number | null> {
  if (input.chosen === undefined) return input.requesters;
  const found = await trx
    .selectFrom('desk_organisations')
    .select('id')
    .where('id', '=', input.chosen)
    .executeTakeFirst();
  if (found === undefined) throw new ToolError(`organisation ${input.chosen} not found`);
  return found.id;
}

/** The ticket type a new ticket gets, and the catalogue item it came from, if any. */
async function typeOf(
  trx: Kysely<DeskTables>,
  input: NewTicket,
): Promise<{ type: TicketTypeRow; item?: CatalogueItemRow }> {
  const types = await trx.selectFrom('desk_ticket_types').selectAll().orderBy('key').execute();
  const known = types.map((t) => t.key).join(', ');
  if (input.catalogueItem !== undefined) {
    if (input.type !== undefined) {
      throw new ToolError('give either a ticket type or a catalogue item, not both');
    }
    const key = input.catalogueItem.trim().toLowerCase();
    const item = await trx
      .selectFrom('desk_catalogue_items')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    if (item === undefined) {
      throw new ToolError(
        `unknown catalogue item "${input.catalogueItem}"; find its key by searching the service catalogue`,
      );
    }
    const type = types.find((t) => t.id === item.ticket_type_id);
    // The foreign key guarantees the type; this only satisfies the compiler.
    if (type === undefined) throw new Error(`catalogue item ${key} has no ticket type`);
    return { type, item };
  }
  if (input.type === undefined) {
    // Every type with what it needs, so the next call can be the right one.
    const needs = types.map((t) => {
      const required = fieldDefinitions(t).filter((f) => f.required && f.default === undefined);
      return required.length === 0
        ? t.key
        : `${t.key} (needs ${required.map(fieldNeed).join('; ')})`;
    });
    throw new ToolError(`give a ticket type or a catalogue item; types: ${needs.join(' | ')}`);
  }
  const type = types.find((t) => t.key === input.type);
  if (type === undefined) {
    throw new ToolError(`unknown ticket type "${input.type}"; types: ${known}`);
  }
  return { type };
}

/**
 * Logs a ticket of a type, or from a catalogue item: checks the type's own fields, takes the team
 * from the caller (agents), the catalogue item or the type, the priority from the caller or the
 * type and SLA due times from the policy for its priority, and records the creation (and the
 * catalogue item it came from, the organisation and agent an agent chose) in history.
 *
 * @example
 * await createTicket(parts, principal, { type: 'opportunity', summary, details, agentId: 7, organisationId: 3 });
 */
export async function createTicket(
  parts: TicketStoreParts,
  principal: Principal,
  input: NewTicket,
): Promise<Ticket> {
  const access = await resolveTicketAccess(parts.directory, principal, 'write');
  if (input.team !== undefined) requireStaff(access, 'choosing the team');
  if (input.agentId !== undefined) requireStaff(access, 'assigning an agent');
  if (input.organisationId !== undefined) requireStaff(access, 'choosing the organisation');
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
    const { type, item } = await typeOf(trx, input);
    const requester = await trx
      .selectFrom('desk_users')
      .select(['id', 'organisation_id', 'active'])
      .where('id', '=', requesterId)
      .executeTakeFirst();
    if (requester === undefined || requester.active !== 1) {
      throw new ToolError(`user ${requesterId} not found or not active`);
    }
    const priority = checkPriority(input.priority ?? type.default_priority);
    if (input.agentId !== undefined) await checkAssignee(trx, input.agentId);
    const organisationId = await organisationOf(trx, {
      chosen: input.organisationId,
      requesters: requester.organisation_id,
    });
    const customFields = validateCustomFields(type, {
      current: {},
      changes: input.customFields ?? {},
    });
    const teamId =
      input.team !== undefined
        ? await teamIdByKey(trx, input.team)
        : (item?.default_team_id ?? type.default_team_id);
    const policy = (await loadSlaPolicies(trx)).get(priority);
    const due = policy === undefined ? undefined : slaDueTimes(policy, new Date(at));
    const ticket = await trx
      .insertInto('desk_tickets')
      .values({
        type_id: type.id,
        summary,
        details: input.details,
        // A ticket that has an agent from the start is being worked on, as after assignment.
        status: input.agentId === undefined ? 'new' : 'open',
        priority,
        category: input.category ?? null,
        team_id: teamId,
        agent_id: input.agentId ?? null,
        requester_id: requester.id,
        organisation_id: organisationId,
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
      ...(item === undefined ? [] : [{ field: 'catalogue_item', from: null, to: item.key }]),
      ...(input.organisationId === undefined
        ? []
        : [{ field: 'organisation_id', from: null, to: organisationId }]),
      ...(input.agentId === undefined
        ? []
        : [{ field: 'agent_id', from: null, to: input.agentId }]),
    ]);
    return ticket;
  });
  return toTicket(row);
}
