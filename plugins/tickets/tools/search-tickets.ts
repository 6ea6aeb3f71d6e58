import { z } from 'zod';
import {
  untrustedText,
  untrustedTextNotice,
  defineTool,
  type Principal,
} from '../../../core/index.js';
import type { TicketFilter } from '../../desk/api.js';
import { decodeSearchCursor, encodeSearchCursor } from '../search-cursor.js';
import { cardLine, toTicketCard } from '../ticket-card.js';
import type { TicketToolDeps } from '../ticket-deps.js';
import {
  agentIdFor,
  isoTimeSchema,
  organisationIdFor,
  typeIdFor,
  userIdByEmail,
} from '../ticket-filters.js';
import { loadTicketNames, type TicketNames } from '../ticket-names.js';
import {
  prioritySchema,
  slaSchema,
  ticketCardSchema,
  ticketStatusSchema,
} from '../ticket-schemas.js';
import { queueBoardView } from '../ticket-views.js';

const input = z.object({
  text: z
    .string()
    .max(500, 'text must be at most 500 characters; use the key words')
    .optional()
    .describe(
      'Words to find in summaries, details and notes, e.g. "vpn drops london". Leave out to list.',
    ),
  match: z
    .enum(['all', 'any'])
    .optional()
    .describe('all (default): every word must occur; any: one is enough, more rank higher.'),
  status: z
    .array(ticketStatusSchema)
    .min(1, 'status must list at least one status, or be left out')
    .optional(),
  priority: z
    .array(prioritySchema)
    .min(1, 'priority must list at least one priority, or be left out')
    .optional(),
  team: z.string().optional().describe('A team key, e.g. network.'),
  agent: z
    .string()
    .optional()
    .describe('An agent by e-mail, "me" for your own tickets, or "none" for unassigned ones.'),
  requester: z.string().optional().describe('The requester by e-mail.'),
  organisation: z.string().optional().describe("The requester's organisation by name."),
  type: z.string().optional().describe('A ticket type key, e.g. incident.'),
  category: z.string().optional().describe('A category, exactly as on the ticket.'),
  createdFrom: isoTimeSchema('createdFrom').optional().describe('Created at or after, ISO-8601.'),
  createdTo: isoTimeSchema('createdTo').optional().describe('Created before, ISO-8601.'),
  limit: z
    .number()
    .int('limit must be a whole number from 1 to 100')
    .min(1, 'limit must be from 1 to 100')
    .max(100, 'limit must be from 1 to 100')
    .optional()
    .describe('Tickets per page, 1–100; 20 when left out.'),
  cursor: z.string().optional().describe('nextCursor of the previous page, to read the next one.'),
});

type SearchInput = z.output<typeof input>;

const hitSchema = ticketCardSchema.extend({
  sla: slaSchema.describe('SLA standing now: ok, at_risk or breached, minutes left, due times.'),
  score: z.number().describe('Relevance within this search, higher is better; 0 when listing.'),
  snippet: z.string().describe(`An excerpt; matched words are in **bold**. ${untrustedTextNotice}`),
});

type Hit = z.output<typeof hitSchema>;

interface SearchContext {
  readonly deps: TicketToolDeps;
  readonly principal: Principal;
  readonly names: TicketNames;
}

interface Resolved {
  readonly agentId?: number | null;
  readonly requesterId?: number;
  readonly organisationId?: number;
}

async function resolvePeople(query: SearchInput, context: SearchContext): Promise<Resolved> {
  return {
    ...(query.agent !== undefined && {
      agentId: await agentIdFor(query.agent, { ...context, field: 'agent' }),
    }),
    ...(query.requester !== undefined && {
      requesterId: await userIdByEmail(query.requester, { ...context, field: 'requester' }),
    }),
    ...(query.organisation !== undefined && {
      organisationId: await organisationIdFor(query.organisation, context),
    }),
  };
}

function leadingText(details: string): string {
  const flat = details.replace(/\s+/g, ' ').trim();
  return flat.length <= 160 ? flat : `${flat.slice(0, 157)}...`;
}

/**
 * The filters, shared by the store's list and search (team and type by key). Unknown keys would
 * simply match nothing there; checked here to say which keys exist.
 */
function filtersOf(query: SearchInput, context: SearchContext, people: Resolved): TicketFilter {
  if (query.team !== undefined) context.names.teamId(query.team);
  if (query.type !== undefined) typeIdFor(query.type, context.names);
  return {
    ...(query.status && { status: query.status }),
    ...(query.priority && { priority: query.priority }),
    ...(query.team !== undefined && { team: query.team }),
    ...(query.type !== undefined && { type: query.type }),
    ...(query.category !== undefined && { category: query.category }),
    ...people,
    ...(query.createdFrom !== undefined && { createdFrom: query.createdFrom }),
    ...(query.createdTo !== undefined && { createdTo: query.createdTo }),
  };
}

/** No text: the store's newest-first list, with its stable cursor. */
async function listPage(query: SearchInput, context: SearchContext, people: Resolved) {
  const filter: TicketFilter = {
    ...filtersOf(query, context, people),
    limit: query.limit ?? 20,
    ...(query.cursor !== undefined && {
      cursor: (decodeSearchCursor(query.cursor, 'list') as { cursor: string }).cursor,
    }),
  };
  const page = await context.deps.desk.tickets.list(context.principal, filter);
  const tickets: Hit[] = await Promise.all(
    page.tickets.map(async (ticket) => ({
      ...(await toTicketCard(ticket, context)),
      sla: { ...(await context.deps.desk.sla.statusOf(context.principal, ticket)) },
      score: 0,
      snippet: untrustedText(`ticket ${ticket.id} details`, leadingText(ticket.details)),
    })),
  );
  const nextCursor =
    page.nextCursor === undefined
      ? null
      : encodeSearchCursor({ kind: 'list', cursor: page.nextCursor });
  return { tickets, nextCursor, truncated: false };
}

async function searchPage(query: SearchInput, context: SearchContext, people: Resolved) {
  const offset =
    query.cursor === undefined
      ? 0
      : (decodeSearchCursor(query.cursor, 'search') as { offset: number }).offset;
  const result = await context.deps.desk.search.searchTickets(context.principal, {
    ...filtersOf(query, context, people),
    ...(query.text !== undefined && { text: query.text }),
    ...(query.match !== undefined && { match: query.match }),
    limit: query.limit ?? 20,
    offset,
  });
  const tickets: Hit[] = await Promise.all(
    result.hits.map(async (hit) => ({
      ...(await toTicketCard(hit.row, context)),
      sla: { ...(await context.deps.desk.sla.statusOf(context.principal, hit.row)) },
      score: hit.score,
      snippet: untrustedText(`ticket ${hit.row.id} excerpt`, hit.snippet),
    })),
  );
  const nextCursor =
    result.nextOffset === null
      ? null
      : encodeSearchCursor({ kind: 'search', offset: result.nextOffset });
  return { tickets, nextCursor, truncated: result.truncated === true };
}

/**
 * `search_tickets`: full-text search with filters, a page at a time.
 *
 * @example
 * ctx.addTool(searchTicketsTool(deps));
 */
export function searchTicketsTool(deps: TicketToolDeps) {
  return defineTool({
    name: 'search_tickets',
    title: 'Search tickets',
    description:
      'Finds tickets by words in their summary, details and notes, ranked by relevance with a score and ' +
      'a snippet, or lists them newest first when no text is given. Filters: status, priority, team, ' +
      'agent (e-mail, "me" or "none"), requester e-mail, organisation, ticket type, category and a ' +
      'created date range. End users find only their own tickets. Returns a page of tickets and a ' +
      'nextCursor to pass back for the next page; call get_ticket for the full ticket.' +
      ` ${untrustedTextNotice}`,
    input,
    output: z.object({
      tickets: z.array(hitSchema),
      nextCursor: z.string().nullable(),
      truncated: z
        .boolean()
        .describe('True when more tickets match than one search ranks; narrow it, e.g. createdTo.'),
    }),
    scopes: ['tickets:read:own'],
    ui: { view: queueBoardView },
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    summarize: (out) => {
      if (out.tickets.length === 0) return 'No tickets match.';
      const more =
        out.nextCursor === null ? '' : '\nMore results: pass nextCursor for the next page.';
      return `${out.tickets.length} ticket(s):\n${out.tickets.map(cardLine).join('\n')}${more}`;
    },
    handler: async ({ input: query, principal }) => {
      const names = await loadTicketNames(deps, principal);
      const context = { deps, principal, names };
      const people = await resolvePeople(query, context);
      const text = query.text?.trim() ?? '';
      return text === '' ? listPage(query, context, people) : searchPage(query, context, people);
    },
  });
}
