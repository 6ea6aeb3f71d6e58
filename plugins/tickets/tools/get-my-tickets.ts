import { z } from 'zod';
import { defineTool, ToolError, untrustedTextNotice } from '../../../core/index.js';
import { cardLine, toTicketCard } from '../ticket-card.js';
import type { TicketToolDeps } from '../ticket-deps.js';
import { loadTicketNames } from '../ticket-names.js';
import { ticketCardSchema, ticketStatusSchema } from '../ticket-schemas.js';
import { queueBoardView } from '../ticket-views.js';

/**
 * `get_my_tickets`: the tickets the caller raised, newest first.
 *
 * @example
 * ctx.addTool(getMyTicketsTool(deps));
 */
export function getMyTicketsTool(deps: TicketToolDeps) {
  return defineTool({
    name: 'get_my_tickets',
    title: 'Get my tickets',
    description:
      'Lists the tickets you raised, newest first, with their status, priority and whether someone is ' +
      'working on them; filter by status (e.g. ["new","open","pending"] for the ones still in progress). ' +
      'Returns a page and a nextCursor for the next one. Next: get_ticket for one ticket in full, ' +
      'update_ticket or add_note to tell the desk more.' +
      ` ${untrustedTextNotice}`,
    input: z.object({
      status: z
        .array(ticketStatusSchema)
        .min(1, 'status must list at least one status, or be left out')
        .optional(),
      limit: z
        .number()
        .int('limit must be a whole number from 1 to 100')
        .min(1, 'limit must be from 1 to 100')
        .max(100, 'limit must be from 1 to 100')
        .optional()
        .describe('Tickets per page, 1–100; 25 when left out.'),
      cursor: z.string().optional().describe('nextCursor of the previous page.'),
    }),
    output: z.object({
      tickets: z.array(ticketCardSchema),
      nextCursor: z.string().nullable(),
    }),
    scopes: ['tickets:read:own'],
    ui: { view: queueBoardView },
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    summarize: (out) =>
      out.tickets.length === 0
        ? 'You have no tickets matching that.'
        : `Your tickets:\n${out.tickets.map(cardLine).join('\n')}` +
          (out.nextCursor === null ? '' : '\nMore: pass nextCursor for the next page.'),
    handler: async ({ input, principal }) => {
      const names = await loadTicketNames(deps, principal);
      const me = await names.me();
      if (me === undefined) {
        throw new ToolError('you are not a desk user, so you have no tickets of your own');
      }
      const page = await deps.desk.tickets.list(principal, {
        requesterId: me.id,
        ...(input.status && { status: input.status }),
        ...(input.limit !== undefined && { limit: input.limit }),
        ...(input.cursor !== undefined && { cursor: input.cursor }),
      });
      return {
        tickets: await Promise.all(page.tickets.map((t) => toTicketCard(t, { names, principal }))),
        nextCursor: page.nextCursor ?? null,
      };
    },
  });
}
