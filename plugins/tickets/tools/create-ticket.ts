import { z } from 'zod';
import {
  untrustedText,
  defineTool,
  ToolError,
  type Principal,
  untrustedTextNotice,
} from '../../../core/index.js';
import type { TriageField } from '../../ai-assist/api.js';
import type { NewTicket } from '../../desk/api.js';
import {
  newTicketTriageSchema,
  triageNewTicket,
  triageSummary,
  withFilledFields,
} from '../new-ticket-triage.js';
import { fillTypeFields } from '../type-field-fill.js';
import type { TicketToolDeps } from '../ticket-deps.js';
import { agentIdFor, organisationIdFor, typeIdFor, userIdByEmail } from '../ticket-filters.js';
import { isStaff, loadTicketNames, type TicketNames } from '../ticket-names.js';
import { namingFields } from '../store-errors.js';
import { customFieldValuesSchema, prioritySchema, ticketStatusSchema } from '../ticket-schemas.js';
import { ticketCardView } from '../ticket-views.js';

const input = z.object({
  type: z
    .string()
    .min(1, 'type must be a ticket type key such as incident')
    .optional()
    .describe(
      'The ticket type key, e.g. incident, service_request, change, opportunity. Give it or ' +
        'catalogueItem, unless this endpoint has a default type: then, left out, the ticket gets it.',
    ),
  catalogueItem: z
    .string()
    .min(1, 'catalogueItem must be a catalogue item key')
    .optional()
    .describe(
      'Instead of type: a service catalogue item key (from search_service_catalogue); the ticket ' +
        "takes the item's ticket type and team.",
    ),
  summary: z
    .string()
    .trim()
    .min(1, 'summary must not be blank; give a one-line title')
    .max(200, 'summary must be at most 200 characters; put the rest in details')
    .describe('A one-line title, e.g. "VPN keeps dropping on the London network".'),
  details: z
    .string()
    .max(20_000, 'details must be at most 20,000 characters')
    .describe(
      "What happened, in the requester's words: symptoms, when it started, what was tried.",
    ),
  priority: prioritySchema
    .optional()
    .describe("1 critical, 2 high, 3 medium, 4 low; the type's default when left out."),
  category: z.string().max(100, 'category must be at most 100 characters').optional(),
  team: z.string().optional().describe("Agents only: a team key; the type's default otherwise."),
  requester: z
    .string()
    .optional()
    .describe(
      'Agents only: the e-mail of the person the ticket is for; yourself when left out. A service ' +
        'account, which is no desk user, must give it.',
    ),
  agent: z
    .string()
    .optional()
    .describe(
      'Agents only: assign it at once to an agent by e-mail, or "me"; it then starts open. ' +
        'Unassigned when left out.',
    ),
  organisation: z
    .string()
    .optional()
    .describe(
      "Agents only: the organisation it is about by name (e.g. the customer of an opportunity); the requester's when left out.",
    ),
  customFields: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .optional()
    .describe(
      "Values of the type's own fields by key, e.g. { affected_service: 'Managed Printing' }; a " +
        'field with a default takes it when left out.',
    ),
});

const customFieldsArgument = input.shape.customFields;

/** OpenAI refuses a tool whose description is longer (see the schema rules' `description-length`). */
const descriptionLimit = 1024;

/**
 * The tool's description, naming what each ticket type requires when that still fits in
 * {@link descriptionLimit}; otherwise it points at `customFields`, whose description lists them.
 */
function describeCreateTicket(typeNeeds: string): string {
  const base =
    'Logs a new ticket: an incident, a service request or any other type by key, or a service ' +
    'catalogue item. Agents may log it for someone else (requester), assign it (agent) and name ' +
    "the organisation it is about. The type's own fields go in customFields; every missing or " +
    'wrong one comes back in one error with the values it takes. With AI triage, a required ' +
    "choice left out is filled when the ticket's words or similar resolved tickets make it clear, " +
    'team, category and priority left out are predicted when confident, and articles that may ' +
    'help are suggested. Returns the number, priority, team and SLA due times. Next: add_note, ' +
    `get_article, get_ticket. ${untrustedTextNotice}`;
  const full = typeNeeds === '' ? base : `${base} ${typeNeeds}`;
  if (full.length <= descriptionLimit) return full;
  return `${base} customFields says what each type requires.`;
}

type CreateInput = z.output<typeof input>;

async function newTicket(
  query: CreateInput,
  context: { deps: TicketToolDeps; principal: Principal; names: TicketNames },
): Promise<NewTicket> {
  // Checked here for advice that names the types and teams there are; the store checks again.
  if (query.type !== undefined && query.catalogueItem === undefined) {
    typeIdFor(query.type, context.names);
  }
  if (query.team !== undefined) context.names.teamId(query.team);
  if (!isStaff(context.principal)) {
    if (query.agent !== undefined) {
      throw new ToolError('agent: assigning a ticket is for agents; leave agent out');
    }
    if (query.organisation !== undefined) {
      throw new ToolError(
        'organisation: choosing the organisation is for agents; your tickets are about your own',
      );
    }
  }
  const agentId =
    query.agent === undefined
      ? undefined
      : await agentIdFor(query.agent, { ...context, field: 'agent' });
  const organisationId =
    query.organisation === undefined
      ? undefined
      : await organisationIdFor(query.organisation, context);
  const requesterId =
    query.requester === undefined
      ? undefined
      : await userIdByEmail(query.requester, { ...context, field: 'requester' });
  // A caller who names no type gets this collection's default type, if it has one.
  const type =
    query.type ??
    (query.catalogueItem === undefined
      ? context.deps.defaultTypes.get(context.principal.collectionId)
      : undefined);
  return {
    // The store applies a catalogue item's ticket type and default team, for end users too.
    ...(type !== undefined && { type }),
    ...(query.catalogueItem !== undefined && { catalogueItem: query.catalogueItem }),
    summary: query.summary,
    details: query.details,
    ...(query.priority !== undefined && { priority: query.priority }),
    ...(query.category !== undefined && { category: query.category }),
    ...(query.team !== undefined && { team: query.team }),
    ...(requesterId !== undefined && { requesterId }),
    // "none" asks for what leaving agent out gives: an unassigned ticket.
    ...(agentId !== undefined && agentId !== null && { agentId }),
    ...(organisationId !== undefined && { organisationId }),
    ...(query.customFields !== undefined && { customFields: query.customFields }),
    provenance: 'ai',
  };
}

/**
 * The fields AI triage may set: those the caller left to the desk. A catalogue item routes its
 * ticket itself, so the team is not triaged then either.
 */
function fieldsToTriage(query: CreateInput): TriageField[] {
  const fields: TriageField[] = [];
  if (query.team === undefined && query.catalogueItem === undefined) fields.push('team');
  if (query.category === undefined) fields.push('category');
  if (query.priority === undefined) fields.push('priority');
  return fields;
}

/**
 * `create_ticket`: logs a ticket of any type, or from a catalogue item.
 *
 * @example
 * ctx.addTool(createTicketTool(deps));
 */
export function createTicketTool(deps: TicketToolDeps) {
  return defineTool({
    name: 'create_ticket',
    title: 'Log a ticket',
    description: describeCreateTicket(deps.typeNeeds.names),
    input: input.extend({
      customFields: customFieldsArgument.describe(
        `${customFieldsArgument.description ?? ''} ${deps.typeNeeds.values}`.trim(),
      ),
    }),
    output: z.object({
      id: z.number().int(),
      type: z.string(),
      summary: z.string(),
      status: ticketStatusSchema,
      priority: z.number().int(),
      category: z.string().nullable(),
      team: z.string().nullable(),
      agent: z.string().nullable().describe("The assigned agent's e-mail, or null."),
      response_due_at: z.string().nullable(),
      resolution_due_at: z.string().nullable(),
      custom_fields: customFieldValuesSchema,
      triage: newTicketTriageSchema.optional(),
    }),
    scopes: ['tickets:write:own'],
    ui: { view: ticketCardView },
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    },
    summarize: (t) =>
      `Logged ticket #${t.id} (${t.type}, P${t.priority}) for team ${t.team ?? 'none'}` +
      (t.agent === null ? '' : `, assigned to ${t.agent}`) +
      `: ${t.summary}. ` +
      (t.resolution_due_at === null
        ? 'No SLA applies.'
        : `First response due by ${t.response_due_at ?? 'n/a'}, resolution due by ${t.resolution_due_at}.`) +
      triageSummary(t.triage),
    handler: async ({ input: query, principal, services, serverLog }) => {
      const names = await loadTicketNames(deps, principal);
      const { ticket: request, filled } = await fillTypeFields(
        await newTicket(query, { deps, principal, names }),
        { deps, principal, names, services, serverLog },
      );
      const created = await namingFields(
        () => deps.desk.tickets.create(principal, request),
        [
          ['invalid custom fields', 'customFields'],
          ['unknown ticket type', 'type'],
          ['give either', 'type'],
          ['give a ticket type', 'type'],
          ['unknown catalogue item', 'catalogueItem'],
          ['unknown team', 'team'],
          ['choosing the team', 'team'],
          ['you can log tickets only for yourself', 'requester'],
          [/^user \d+ is not an active agent/, 'agent'],
          ['user ', 'requester'],
          ['organisation ', 'organisation'],
        ],
      );
      // Looked up now, not at setup: the ai-assist plugin may be set up after this one.
      const triage = await triageNewTicket(
        { services, principal, serverLog },
        { ticketId: created.id, fields: fieldsToTriage(query) },
      );
      // Triage may have changed team, category or priority (and so the SLA): show the final ticket.
      const ticket =
        triage === undefined
          ? created
          : ((await deps.desk.tickets.get(principal, created.id))?.ticket ?? created);
      return {
        id: ticket.id,
        type: names.typeKey(ticket.type_id),
        summary: untrustedText(`ticket ${ticket.id} summary`, ticket.summary),
        status: ticket.status,
        priority: ticket.priority,
        category: ticket.category,
        team: names.teamKey(ticket.team_id),
        agent: (await names.person(ticket.agent_id))?.email ?? null,
        response_due_at: ticket.response_due_at,
        resolution_due_at: ticket.resolution_due_at,
        custom_fields: { ...ticket.custom_fields },
        ...(triage !== undefined && { triage: withFilledFields(triage, filled) }),
      };
    },
  });
}
