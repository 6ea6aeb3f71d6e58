import { z } from 'zod';
import { defineTool, ToolError, type Principal, untrustedTextNotice } from '../../../core/index.js';
import type { Ticket, TicketStatus } from '../../desk/api.js';
import { sortQueue, type QueuedTicket } from '../queue-order.js';
import { cardLine, toTicketCard } from '../ticket-card.js';
import type { TicketToolDeps } from '../ticket-deps.js';
import { loadTicketNames } from '../ticket-names.js';
import {
  slaSchema,
  ticketCardSchema,
  ticketStatusSchema,
  unfinishedStatuses,
} from '../ticket-schemas.js';
import { queueBoardView } from '../ticket-views.js';

const queuedSchema = ticketCardSchema.extend({ sla: slaSchema });

/** Reads the caller's whole queue (up to `max` tickets): ordering by risk needs all of it. */
async function readQueue(
  deps: TicketToolDeps,
  request: { principal: Principal; agentId: number; status: readonly TicketStatus[] },
): Promise<{ tickets: Ticket[]; truncated: boolean }> {
  const tickets: Ticket[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.desk.tickets.list(request.principal, {
      agentId: request.agentId,
      status: request.status,
      limit: 100,
      ...(cursor !== undefined && { cursor }),
    });
    tickets.push(...page.tickets);
    cursor = page.nextCursor;
  } while (cursor !== undefined && tickets.length < deps.maxQueueTickets);
  return { tickets: tickets.slice(0, deps.maxQueueTickets), truncated: cursor !== undefined };
}

/**
 * `get_assigned_tickets`: the calling agent's queue with each ticket's SLA standing.
 *
 * @example
 * ctx.addTool(getAssignedTicketsTool(deps));
 */
export function getAssignedTicketsTool(deps: TicketToolDeps) {
  return defineTool({
    name: 'get_assigned_tickets',
    title: 'Get my assigned tickets',
    description:
      "Lists the tickets assigned to you, the calling agent, with each one's SLA state (ok, at_risk, " +
      'breached), minutes left and due times, and counts of breached and at-risk tickets. Sorted by ' +
      'breach risk (already breached first, then soonest due) unless sort is "newest". Unfinished ' +
      'tickets only unless status says otherwise. Use it to summarise a queue or flag SLA problems; ' +
      'then get_ticket, action_ticket or add_note on the tickets that need attention.' +
      ` ${untrustedTextNotice}`,
    input: z.object({
      sort: z
        .enum(['breach_risk', 'newest'])
        .optional()
        .describe('breach_risk (default): most urgent first; newest: most recently logged first.'),
      status: z
        .array(ticketStatusSchema)
        .min(1, 'status must list at least one status, or be left out')
        .optional()
        .describe('Statuses to include; new, open, pending and on_hold when left out.'),
      limit: z
        .number()
        .int('limit must be a whole number from 1 to 100')
        .min(1, 'limit must be from 1 to 100')
        .max(100, 'limit must be from 1 to 100')
        .optional()
        .describe('Tickets to return, 1–100; 25 when left out. Counts cover the whole queue.'),
    }),
    output: z.object({
      tickets: z.array(queuedSchema),
      total: z.number().int().describe('Tickets in the queue (up to the limit read).'),
      breached: z.number().int(),
      at_risk: z.number().int(),
      truncated: z.boolean().describe('True when the queue was longer than the server reads.'),
    }),
    scopes: ['tickets:read:all'],
    ui: { view: queueBoardView },
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    summarize: (out) => {
      const head = `${out.total} ticket(s) in your queue: ${out.breached} breached, ${out.at_risk} at risk.`;
      const lines = out.tickets.map((t) => {
        const flag = t.sla.state === 'ok' ? '' : ` ** ${t.sla.state.toUpperCase()} **`;
        const minutes = t.sla.minutes_remaining;
        const left =
          minutes === null
            ? ''
            : minutes < 0
              ? ` (${-minutes} min overdue)`
              : ` (${minutes} min left)`;
        return `${cardLine(t)}${flag}${left}`;
      });
      return [head, ...lines].join('\n');
    },
    handler: async ({ input, principal }) => {
      const names = await loadTicketNames(deps, principal);
      const me = await names.me();
      if (me === undefined) {
        throw new ToolError('you are not a desk user, so no tickets can be assigned to you');
      }
      const status = input.status ?? [...unfinishedStatuses];
      const queue = await readQueue(deps, { principal, agentId: me.id, status });
      const queued: QueuedTicket[] = await Promise.all(
        queue.tickets.map(async (ticket) => ({
          ticket,
          sla: await deps.desk.sla.statusOf(principal, ticket),
        })),
      );
      const shown = sortQueue(queued, input.sort ?? 'breach_risk').slice(0, input.limit ?? 25);
      return {
        tickets: await Promise.all(
          shown.map(async (q) => ({
            ...(await toTicketCard(q.ticket, { names, principal })),
            sla: { ...q.sla },
          })),
        ),
        total: queued.length,
        breached: queued.filter((q) => q.sla.state === 'breached').length,
        at_risk: queued.filter((q) => q.sla.state === 'at_risk').length,
        truncated: queue.truncated,
      };
    },
  });
}
