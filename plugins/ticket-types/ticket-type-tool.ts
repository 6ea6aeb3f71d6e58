import {
  untrustedText,
  untrustedTextNotice,
  defineTool,
  ToolError,
  type Principal,
} from '../../core/index.js';
import type { DeskStore, NewTicket, Ticket } from '../desk/api.js';
import { commonArgumentNames } from './field-schema.js';
import { agentIdOf, checkTeam, organisationIdOf, requesterIdOf } from './ticket-references.js';
import { ticketTypeInput, type TicketTypeArguments } from './ticket-type-input.js';
import {
  loggedTicketSchema,
  summarizeLoggedTicket,
  type LoggedTicket,
} from './ticket-type-output.js';
import type { TicketTypeSource } from './ticket-type-source.js';

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** What the model reads about the tool: what it logs, its defaults, what to give, what comes back. */
function describeTool(source: TicketTypeSource): string {
  if (source.planned.description !== undefined) return source.planned.description;
  const { type, catalogueItem, defaultTeam, defaultPriority } = source;
  const what =
    catalogueItem === undefined
      ? `Logs ${article(type.name)} ${type.name} ticket. ${type.description}`
      : `Requests "${catalogueItem.name}" from the service catalogue (${article(type.name)} ${type.name} ticket). ${catalogueItem.description}`;
  return (
    `${what} The ticket type's own fields are arguments of their own. It goes to team ` +
    `${defaultTeam?.key ?? 'none'} with priority P${defaultPriority} unless you say otherwise. ` +
    'Agents may log it for someone else (requester), about a customer organisation ' +
    '(organisation) and assign it at once (agent), by e-mail, name or id. Returns the ticket ' +
    'number, reference, team, priority, agent, organisation and fields; a wrong argument comes ' +
    'back as an error naming it.'
  );
}

/** End users log tickets for themselves only: refuse the routing arguments by name. */
function refuseAgentOnlyArguments(input: TicketTypeArguments): void {
  const what = {
    organisation: 'choosing the organisation',
    team: 'choosing the team',
    agent: 'assigning an agent',
  } as const;
  for (const field of ['organisation', 'team', 'agent'] as const) {
    if (input[field] !== undefined) {
      throw new ToolError(`${field}: ${what[field]} is for agents; leave ${field} out`);
    }
  }
}

/** The store request for the tool's arguments, with people and organisations resolved to ids. */
async function newTicket(
  source: TicketTypeSource,
  request: {
    readonly desk: DeskStore;
    readonly principal: Principal;
    readonly input: TicketTypeArguments;
  },
): Promise<NewTicket> {
  const { desk, principal, input } = request;
  if (principal.role === 'end_user') refuseAgentOnlyArguments(input);
  const { requester, agent, organisation, team } = input;
  if (team !== undefined) await checkTeam(desk, principal, team);
  const customFields = Object.fromEntries(
    Object.entries(input).filter(
      ([key, value]) => !commonArgumentNames.includes(key) && value !== undefined,
    ),
  );
  return {
    ...(source.catalogueItem === undefined
      ? { type: source.type.key }
      : { catalogueItem: source.catalogueItem.key }),
    summary: input.summary,
    details: input.details,
    priority: input.priority,
    ...(team !== undefined && { team }),
    ...(requester !== undefined && {
      requesterId: await requesterIdOf(desk, principal, requester),
    }),
    ...(organisation !== undefined && {
      organisationId: await organisationIdOf(desk, principal, organisation),
    }),
    ...(agent !== undefined && { agentId: await agentIdOf(desk, principal, agent) }),
    customFields,
    provenance: 'ai',
  };
}

/** The logged ticket as the tool returns it, with keys and names in place of ids. */
async function loggedTicket(
  source: TicketTypeSource,
  context: { readonly desk: DeskStore; readonly principal: Principal; readonly ticket: Ticket },
): Promise<LoggedTicket> {
  const { desk, principal, ticket } = context;
  const [teams, organisations, agent] = await Promise.all([
    desk.directory.listTeams(principal),
    desk.directory.listOrganisations(principal),
    ticket.agent_id === null ? undefined : desk.directory.getUserById(principal, ticket.agent_id),
  ]);
  const organisation = organisations.find((o) => o.id === ticket.organisation_id);
  return {
    id: ticket.id,
    reference: `#${ticket.id}`,
    summary: untrustedText(`ticket ${ticket.id} summary`, ticket.summary),
    type: source.type.key,
    catalogue_item: source.catalogueItem?.key ?? null,
    status: ticket.status,
    priority: ticket.priority,
    team: teams.find((t) => t.id === ticket.team_id)?.key ?? null,
    agent: agent === undefined ? null : { id: agent.id, name: agent.name, email: agent.email },
    organisation:
      organisation === undefined ? null : { id: organisation.id, name: organisation.name },
    custom_fields: { ...ticket.custom_fields },
    response_due_at: ticket.response_due_at,
    resolution_due_at: ticket.resolution_due_at,
  };
}

// Store refusals that concern one argument: named so the model knows which to fix.
const storeMessageFields: readonly (readonly [pattern: RegExp, field: string])[] = [
  [/^(unknown team|choosing the team)/, 'team'],
  [/^(assigning an agent|user \d+ is not an active agent)/, 'agent'],
  [/^(choosing the organisation|organisation )/, 'organisation'],
  [/^(you can log tickets only for yourself|user \d+ not found)/, 'requester'],
  [/^priority/, 'priority'],
  [/^summary/, 'summary'],
];

function namingField(error: unknown): unknown {
  if (!(error instanceof ToolError)) return error;
  const rule = storeMessageFields.find(([pattern]) => pattern.test(error.message));
  return rule === undefined
    ? error
    : new ToolError(`${rule[1]}: ${error.message}`, { cause: error });
}

/**
 * A tool that logs tickets of one ticket type (or one catalogue item), with the type's own
 * fields as its arguments and the type's default team and priority.
 *
 * @example
 * ctx.addTool(ticketTypeTool(source, desk));
 */
export function ticketTypeTool(source: TicketTypeSource, desk: DeskStore) {
  const { type, catalogueItem } = source;
  return defineTool({
    name: source.planned.name,
    title:
      catalogueItem === undefined
        ? `Log ${article(type.name)} ${type.name}`
        : `Request ${catalogueItem.name}`,
    description: `${describeTool(source)} ${untrustedTextNotice}`,
    input: ticketTypeInput(source),
    output: loggedTicketSchema,
    // Its own scope, so a collection can grant one type and not another; the store's row scope
    // needs a tickets:write extent as well.
    scopes: [source.planned.scope, 'tickets:write:own'],
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    },
    summarize: summarizeLoggedTicket,
    handler: async ({ input, principal }) => {
      const request = await newTicket(source, { desk, principal, input });
      let ticket: Ticket;
      try {
        ticket = await desk.tickets.create(principal, request);
      } catch (error) {
        throw namingField(error);
      }
      return loggedTicket(source, { desk, principal, ticket });
    },
  });
}
