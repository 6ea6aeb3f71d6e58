import type { Kysely } from 'kysely';
import { ToolError, type Principal } from '../../../core/index.js';
import type {
  DeskTables,
  OutboxRow,
  QuickActionChanges,
  QuickActionRow,
  TicketRow,
} from '../schema/tables.js';
import type { TicketStoreParts } from './get-ticket.js';
import { recordHistory, type WriteProvenance } from './history.js';
import { requireStaff, resolveTicketAccess } from './row-scope.js';
import { planTicketChange, teamIdByKey } from './ticket-patch.js';
import { toTicket, type Ticket } from './ticket-view.js';
import { ticketForWrite, writeTicketChange } from './ticket-write.js';
import { inWriteTransaction } from './write-transaction.js';

/** What running a quick action did. */
export interface QuickActionOutcome {
  readonly ticket: Ticket;
  /** The e-mail queued to the requester, when the action sends one. */
  readonly email?: OutboxRow;
}

/** Fills `{{ticket.id}}`, `{{requester.name}}` and the like; unknown placeholders stay as written. */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(
    /\{\{\s*([a-z_.]+)\s*\}\}/g,
    (whole, key: string) => values[key] ?? whole,
  );
}

/** The quick actions there are, by key. */
export async function listQuickActions(
  parts: TicketStoreParts,
): Promise<readonly QuickActionRow[]> {
  return parts.context.db.selectFrom('desk_quick_actions').selectAll().orderBy('key').execute();
}

async function findUser(trx: Kysely<DeskTables>, id: number | null) {
  if (id === null) return undefined;
  return trx
    .selectFrom('desk_users')
    .select(['name', 'email'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Queues `template`, filled in for `ticket`, to the ticket's requester. */
async function queueRequesterEmail(
  trx: Kysely<DeskTables>,
  ticket: TicketRow,
  template: NonNullable<QuickActionChanges['email_template']> & { readonly at: string },
): Promise<OutboxRow> {
  const requester = await findUser(trx, ticket.requester_id);
  const agent = await findUser(trx, ticket.agent_id);
  const values = {
    'ticket.id': String(ticket.id),
    'ticket.summary': ticket.summary,
    'ticket.status': ticket.status,
    'ticket.priority': `P${ticket.priority}`,
    'requester.name': requester?.name ?? '',
    'agent.name': agent?.name ?? 'the service desk',
  };
  return trx
    .insertInto('desk_outbox')
    .values({
      to_email: requester?.email ?? '',
      subject: renderTemplate(template.subject, values),
      body: renderTemplate(template.body, values),
      ticket_id: ticket.id,
      status: 'queued',
      created_at: template.at,
      sent_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Runs quick action `key` on a ticket in one transaction: its status, team, priority and
 * assignment changes, and its templated e-mail to the requester, which goes to the outbox.
 * Agents only. An unknown key is refused with the keys there are.
 */
export async function runQuickAction(
  parts: TicketStoreParts,
  principal: Principal,
  request: {
    readonly ticketId: number;
    readonly key: string;
    readonly provenance?: WriteProvenance;
  },
): Promise<QuickActionOutcome> {
  const access = await resolveTicketAccess(parts.directory, principal, 'write');
  const at = parts.context.now().toISOString();
  return inWriteTransaction(parts.context, async (trx) => {
    const ticket = await ticketForWrite(trx, access, request.ticketId);
    requireStaff(access, 'running a quick action');
    const actions = await trx.selectFrom('desk_quick_actions').selectAll().orderBy('key').execute();
    const action = actions.find((a) => a.key === request.key);
    if (action === undefined) {
      const known = actions.map((a) => a.key).join(', ') || 'none are defined';
      throw new ToolError(`unknown quick action "${request.key}"; available: ${known}`);
    }
    const changes = JSON.parse(action.changes) as QuickActionChanges;
    if (changes.assign_to_caller === true && access.actor === undefined) {
      throw new ToolError(`quick action ${action.key} assigns the caller, who is not a desk user`);
    }
    const change = await planTicketChange(trx, ticket, {
      status: changes.status,
      priority: changes.priority,
      teamId: changes.team_key === undefined ? undefined : await teamIdByKey(trx, changes.team_key),
      agentId: changes.assign_to_caller === true ? access.actor?.id : undefined,
      at,
    });
    const template = changes.email_template;
    if (change.changes.length === 0 && template === undefined) return { ticket: toTicket(ticket) };
    const write = { access, provenance: request.provenance, at };
    const ran = { field: 'quick_action', from: null, to: action.key };
    const updated = await writeTicketChange(trx, write, {
      ticket,
      change: { set: change.set, changes: [ran, ...change.changes] },
    });
    if (template === undefined) return { ticket: toTicket(updated) };
    const email = await queueRequesterEmail(trx, updated, { ...template, at });
    await recordHistory(trx, { ...write, ticketId: ticket.id }, [
      { field: 'email', from: null, to: `${email.to_email}: ${email.subject}` },
    ]);
    return { ticket: toTicket(updated), email };
  });
}
