import { z } from 'zod';
import { defineTool } from '../../../core/index.js';
import type { DeskStore, TicketTypeInfo } from '../../desk/api.js';

const fieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.string(),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  description: z.string().optional(),
});

const entrySchema = z.object({
  key: z.string().describe('Pass as catalogueItem to create_ticket'),
  name: z.string(),
  description: z.string(),
  service: z.object({ key: z.string(), name: z.string() }).nullable(),
  ticketType: z
    .object({ key: z.string(), name: z.string(), fields: z.array(fieldSchema) })
    .describe(
      "The ticket type the request creates, with the fields create_ticket's customFields takes",
    ),
  team: z.object({ key: z.string(), name: z.string() }).nullable(),
  score: z.number(),
});

function fieldsOf(type: TicketTypeInfo | undefined) {
  return (type?.fields ?? []).map((field) => ({
    key: field.key,
    label: field.label,
    type: field.type,
    required: field.required,
    ...(field.options !== undefined && { options: [...field.options] }),
    ...(field.description !== undefined && { description: field.description }),
  }));
}

/**
 * `search_service_catalogue`: request forms for a need, with the ticket type and fields to use.
 *
 * @example
 * definePlugin({ id: 'knowledge', requires: ['desk'], setup: (ctx) => ctx.addTool(searchServiceCatalogueTool(desk)) })
 */
export function searchServiceCatalogueTool(desk: DeskStore) {
  return defineTool({
    name: 'search_service_catalogue',
    title: 'Search the service catalogue',
    description:
      'Finds what can be requested from the service desk (new starters, software, equipment, access, VPN…): ' +
      'each request form with its service, the team that fulfils it, and the ticket type and fields to ' +
      'request it with. Use it when someone asks for something rather than reports a fault, then call ' +
      'create_ticket with that type, the form key as catalogueItem and the listed fields. Leave query out ' +
      'to list every form.',
    input: z.object({
      query: z.string().trim().max(1000).optional().describe('What is needed, in plain words'),
      limit: z.number().int().min(1).max(50).default(10).describe('Forms to return, 1–50'),
    }),
    output: z.object({ items: z.array(entrySchema) }),
    scopes: ['catalogue:read'],
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    summarize: ({ items }) =>
      items.length === 0
        ? 'No request form matched; try other words, or leave the query out to list them all.'
        : items
            .map(
              (item) =>
                `- ${item.name} (${item.key}): ${item.description} → ticket type ${item.ticketType.key}` +
                (item.service === null ? '' : `, service ${item.service.name}`) +
                (item.team === null ? '' : `, team ${item.team.name}`),
            )
            .join('\n'),
    handler: async ({ input, principal }) => {
      const [entries, types] = await Promise.all([
        desk.catalogue.search(principal, {
          limit: input.limit,
          ...(input.query !== undefined && { text: input.query }),
        }),
        desk.catalogue.listTicketTypes(principal),
      ]);
      const typeByKey = new Map(types.map((type) => [type.key, type]));
      return {
        items: entries.map((entry) => ({
          key: entry.key,
          name: entry.name,
          description: entry.description,
          service: entry.service,
          ticketType: {
            ...entry.ticketType,
            fields: fieldsOf(typeByKey.get(entry.ticketType.key)),
          },
          team: entry.team,
          score: entry.score,
        })),
      };
    },
  });
}
