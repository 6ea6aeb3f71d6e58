import { z } from 'zod';
import { defineTool, ToolError, untrustedTextNotice } from '../../../core/index.js';
import { ticketDetailSchema, toTicketDetailView } from '../ticket-detail.js';
import type { TicketToolDeps } from '../ticket-deps.js';
import { loadTicketNames } from '../ticket-names.js';
import { ticketIdSchema } from '../ticket-schemas.js';
import { ticketCardView } from '../ticket-views.js';

/**
 * `get_ticket`: one ticket with its notes, history, SLA state and (for agents) time logged.
 *
 * @example
 * definePlugin({ id: 'tickets', requires: ['desk'], setup: (ctx) => ctx.addTool(getTicketTool(deps)) })
 */
export function getTicketTool(deps: TicketToolDeps) {
  return defineTool({
    name: 'get_ticket',
    title: 'Get a ticket',
    description:
      'Reads one ticket by number: summary, details, status, priority, team, custom fields, SLA state ' +
      '(ok, at_risk or breached, with due times), notes and change history; agents also see private notes, ' +
      'time logged and who made each change through which app. End users see only tickets they raised. ' +
      'Use it before changing a ticket (update_ticket, add_note, action_ticket, log_time); find numbers ' +
      'with search_tickets or get_my_tickets.' +
      ` ${untrustedTextNotice}`,
    input: z.object({ ticketId: ticketIdSchema }),
    output: z.object({ ticket: ticketDetailSchema }),
    scopes: ['tickets:read:own'],
    ui: { view: ticketCardView },
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    summarize: ({ ticket: t }) => {
      const lines = [
        `Ticket #${t.id} (${t.type}): ${t.summary}`,
        `Status ${t.status}, priority P${t.priority}, team ${t.team ?? 'none'}, ` +
          (t.agent !== undefined
            ? `agent ${t.agent?.name ?? 'unassigned'}`
            : t.assigned
              ? 'assigned'
              : 'not yet assigned'),
        `SLA ${t.sla.state}` +
          (t.sla.resolution_due_at === null ? '' : `, resolution due ${t.sla.resolution_due_at}`) +
          (t.minutes_logged === undefined ? '' : `; ${t.minutes_logged} min logged`),
        t.details,
        ...t.notes.map(
          (n) => `- ${n.visibility} note by ${n.author} at ${n.created_at}: ${n.body}`,
        ),
      ];
      return lines.join('\n');
    },
    handler: async ({ input, principal }) => {
      const detail = await deps.desk.tickets.get(principal, input.ticketId);
      if (detail === undefined) {
        throw new ToolError(
          `ticket ${input.ticketId} not found; check the number with search_tickets or get_my_tickets`,
        );
      }
      const names = await loadTicketNames(deps, principal);
      return { ticket: await toTicketDetailView(detail, { names, principal }) };
    },
  });
}
