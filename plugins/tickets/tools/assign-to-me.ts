import { z } from 'zod';
import { defineTool, untrustedTextNotice } from '../../../core/index.js';
import { toTicketCard } from '../ticket-card.js';
import type { TicketToolDeps } from '../ticket-deps.js';
import { loadTicketNames } from '../ticket-names.js';
import { ticketCardSchema, ticketIdSchema } from '../ticket-schemas.js';

/**
 * `assign_to_me`: the calling agent takes a ticket.
 *
 * @example
 * ctx.addTool(assignToMeTool(deps));
 */
export function assignToMeTool(deps: TicketToolDeps) {
  return defineTool({
    name: 'assign_to_me',
    title: 'Assign a ticket to me',
    description:
      'Assigns a ticket to you, the calling agent; a new ticket becomes open. Recorded in the ticket ' +
      'history. Returns the ticket as it now stands. Next: add_note to say you are picking it up, ' +
      'get_assigned_tickets to see your queue.' +
      ` ${untrustedTextNotice}`,
    input: z.object({ ticketId: ticketIdSchema }),
    output: z.object({ ticket: ticketCardSchema }),
    scopes: ['tickets:write:all'],
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    summarize: ({ ticket }) =>
      `Ticket #${ticket.id} is now assigned to ${ticket.agent?.name ?? 'you'} (${ticket.status}).`,
    handler: async ({ input, principal }) => {
      const ticket = await deps.desk.tickets.assign(principal, input.ticketId, {
        to: 'me',
        provenance: 'ai',
      });
      const names = await loadTicketNames(deps, principal);
      return { ticket: await toTicketCard(ticket, { names, principal }) };
    },
  });
}
