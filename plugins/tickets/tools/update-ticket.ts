import { z } from 'zod';
import { defineTool, ToolError, type Principal, untrustedTextNotice } from '../../../core/index.js';
import type { Ticket, TicketUpdate } from '../../desk/api.js';
import { namingFields } from '../store-errors.js';
import { toTicketCard } from '../ticket-card.js';
import type { TicketToolDeps } from '../ticket-deps.js';
import { agentIdFor } from '../ticket-filters.js';
import { isStaff, loadTicketNames, type TicketNames } from '../ticket-names.js';
import {
  prioritySchema,
  ticketCardSchema,
  ticketIdSchema,
  ticketStatusSchema,
} from '../ticket-schemas.js';
import { ticketCardView } from '../ticket-views.js';

const input = z.object({
  ticketId: ticketIdSchema,
  details: z
    .string()
    .max(20_000, 'details must be at most 20,000 characters')
    .optional()
    .describe('Replaces the description. End users may change only this (and add information).'),
  information: z
    .string()
    .trim()
    .min(1, 'information must not be blank')
    .max(10_000, 'information must be at most 10,000 characters')
    .optional()
    .describe('More information for the desk, added as a public note on the ticket.'),
  summary: z
    .string()
    .trim()
    .min(1, 'summary must not be blank')
    .max(200, 'summary must be at most 200 characters')
    .optional()
    .describe('Agents only: a new one-line title.'),
  status: ticketStatusSchema.optional().describe('Agents only: the new status.'),
  priority: prioritySchema.optional().describe('Agents only: 1 critical to 4 low.'),
  category: z.string().max(100).nullable().optional().describe('Agents only; null clears it.'),
  team: z.string().nullable().optional().describe('Agents only: a team key; null for no team.'),
  agent: z
    .string()
    .optional()
    .describe('Agents only: assign to an agent by e-mail, "me", or "none" to unassign.'),
  customFields: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .optional()
    .describe("Agents only: the type's own fields by key; null removes a value."),
  expectedVersion: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('The version from get_ticket; the update is refused if the ticket changed since.'),
});

type UpdateInput = z.output<typeof input>;

const changeKeys = [
  'details',
  'summary',
  'status',
  'priority',
  'category',
  'team',
  'customFields',
] as const satisfies readonly (keyof UpdateInput & keyof TicketUpdate)[];

function ticketUpdate(
  query: UpdateInput,
  agentId: number | null | undefined,
): TicketUpdate | undefined {
  const update: Record<string, unknown> = {};
  for (const key of changeKeys) if (query[key] !== undefined) update[key] = query[key];
  if (agentId !== undefined) update['agentId'] = agentId;
  if (Object.keys(update).length === 0) return undefined;
  return {
    ...(update as TicketUpdate),
    ...(query.expectedVersion !== undefined && { expectedVersion: query.expectedVersion }),
    provenance: 'ai',
  };
}

async function applyChanges(
  query: UpdateInput,
  context: { deps: TicketToolDeps; principal: Principal; names: TicketNames },
): Promise<{ ticket: Ticket | undefined; noteId: number | null }> {
  const { deps, principal } = context;
  if (
    changeKeys.every((key) => query[key] === undefined) &&
    query.agent === undefined &&
    query.information === undefined
  ) {
    throw new ToolError(
      'nothing to change: give details or information (agents also summary, status, priority, ' +
        'category, team, agent or customFields)',
    );
  }
  // Refused before anything is written, so an end user's update never half-applies.
  if (query.agent !== undefined && !isStaff(principal)) {
    throw new ToolError('agent: assigning a ticket is for agents; add information instead');
  }
  if (typeof query.team === 'string') context.names.teamId(query.team);
  const agentId =
    query.agent === undefined
      ? undefined
      : await agentIdFor(query.agent, { ...context, field: 'agent' });
  // Triage fields and the agent land together in one transaction, or not at all.
  const update = ticketUpdate(query, agentId);
  let ticket: Ticket | undefined;
  if (update !== undefined) {
    ticket = await namingFields(
      () => deps.desk.tickets.update(principal, query.ticketId, update),
      [
        ['invalid custom fields', 'customFields'],
        ['unknown team', 'team'],
        ['user ', 'agent'],
        ['you can change only the details', 'details'],
      ],
    );
  }
  let noteId: number | null = null;
  if (query.information !== undefined) {
    const note = await deps.desk.tickets.addNote(principal, {
      ticketId: query.ticketId,
      body: query.information,
      visibility: 'public',
      provenance: 'ai',
      // Checked here only when no field changed: a change above already checked it (and moved it on).
      ...(update === undefined &&
        query.expectedVersion !== undefined && { expectedVersion: query.expectedVersion }),
    });
    noteId = note.id;
  }
  return { ticket, noteId };
}

/**
 * `update_ticket`: changes a ticket's details (end users, on their own tickets) or its triage
 * fields (agents), and adds information as a public note.
 *
 * @example
 * ctx.addTool(updateTicketTool(deps));
 */
export function updateTicketTool(deps: TicketToolDeps) {
  return defineTool({
    name: 'update_ticket',
    title: 'Update a ticket',
    description:
      'Changes a ticket; give ticketId and at least one change. End users may change only the ' +
      'details of a ticket they raised, or add ' +
      'information (kept as a public note). Agents may also change summary, status, priority, category, ' +
      'team, assigned agent and custom fields. Every change is recorded in the ticket history as made ' +
      'by an assistant. Returns the ticket as it now stands. Read it first with get_ticket; use ' +
      'action_ticket for configured workflows and add_note for private notes. A closed ticket cannot ' +
      'be changed: raise a new one with create_ticket instead.' +
      ` ${untrustedTextNotice}`,
    input,
    output: z.object({
      ticket: ticketCardSchema.extend({ version: z.number().int() }),
      changed: z.array(z.string()).describe('The arguments applied.'),
      note_id: z.number().int().nullable().describe('The note holding the information, if any.'),
    }),
    scopes: ['tickets:write:own'],
    ui: { view: ticketCardView },
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    },
    summarize: (out) =>
      `Updated ticket #${out.ticket.id} (${out.changed.join(', ')}): now ${out.ticket.status}, ` +
      `P${out.ticket.priority}, team ${out.ticket.team ?? 'none'}.`,
    handler: async ({ input: query, principal }) => {
      const names = await loadTicketNames(deps, principal);
      const applied = await applyChanges(query, { deps, principal, names });
      const ticket =
        applied.ticket ?? (await deps.desk.tickets.get(principal, query.ticketId))?.ticket;
      if (ticket === undefined) throw new ToolError(`ticket ${query.ticketId} not found`);
      const changed = [...changeKeys, 'agent' as const, 'information' as const].filter(
        (key) => query[key] !== undefined,
      );
      return {
        ticket: { ...(await toTicketCard(ticket, { names, principal })), version: ticket.version },
        changed,
        note_id: applied.noteId,
      };
    },
  });
}
