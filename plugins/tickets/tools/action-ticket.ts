import { z } from 'zod';
import { defineTool, ToolError, untrustedTextNotice } from '../../../core/index.js';
import { toTicketCard } from '../ticket-card.js';
import type { TicketToolDeps } from '../ticket-deps.js';
import { loadTicketNames } from '../ticket-names.js';
import { ticketCardSchema, ticketIdSchema } from '../ticket-schemas.js';

/**
 * `action_ticket`: runs a configured quick action (change status, reassign, escalate, e-mail the
 * requester) on a ticket.
 *
 * @example
 * ctx.addTool(actionTicketTool(deps));
 */
export function actionTicketTool(deps: TicketToolDeps) {
  return defineTool({
    name: 'action_ticket',
    title: 'Run a quick action on a ticket',
    description:
      "Runs one of the service desk's configured quick actions on a ticket by its key, e.g. resolve " +
      '(resolve and e-mail the requester), take_ownership or escalate_to_network: it may change status, ' +
      'priority, team and assignment and queue a templated e-mail to the requester, all recorded in the ' +
      'ticket history. An unknown key returns the list of actions there are, with their keys and ' +
      'names; pick one and call again. Returns the ticket as it now stands and any e-mail queued.' +
      ` ${untrustedTextNotice}`,
    input: z.object({
      ticketId: ticketIdSchema,
      action: z
        .string()
        .min(1, 'action must be a quick action key such as resolve')
        .describe('The quick action key.'),
    }),
    output: z.object({
      ticket: ticketCardSchema,
      action: z.object({ key: z.string(), name: z.string() }),
      email: z.object({ to: z.string(), subject: z.string() }).nullable(),
    }),
    scopes: ['tickets:write:all'],
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    },
    summarize: (out) =>
      `Ran "${out.action.name}" on ticket #${out.ticket.id}: now ${out.ticket.status}, ` +
      `P${out.ticket.priority}, team ${out.ticket.team ?? 'none'}` +
      (out.email === null ? '.' : `; e-mail "${out.email.subject}" queued to ${out.email.to}.`),
    handler: async ({ input, principal }) => {
      const actions = await deps.desk.tickets.listQuickActions(principal);
      const action = actions.find((a) => a.key === input.action);
      if (action === undefined) {
        const list = actions.map((a) => `- ${a.key}: ${a.name} (${a.description})`).join('\n');
        throw new ToolError(
          `action: there is no quick action "${input.action}". ` +
            (actions.length === 0
              ? 'This service desk has no quick actions configured; use update_ticket instead.'
              : `Call action_ticket again with one of these keys:\n${list}`),
        );
      }
      const outcome = await deps.desk.tickets.runQuickAction(principal, {
        ticketId: input.ticketId,
        key: action.key,
        provenance: 'ai',
      });
      const names = await loadTicketNames(deps, principal);
      return {
        ticket: await toTicketCard(outcome.ticket, { names, principal }),
        action: { key: action.key, name: action.name },
        email:
          outcome.email === undefined
            ? null
            : { to: outcome.email.to_email, subject: outcome.email.subject },
      };
    },
  });
}
