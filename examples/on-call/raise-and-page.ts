import { z } from 'zod';
import { defineRunbook } from '../../plugins/runbooks/api.js';

/**
 * Raises a ticket to priority 1 and pages its team's on-call engineer: the on-call plugin's own
 * runbook, contributed through the runbooks extension point and gated by `oncall:page:all`.
 * Each step still needs the caller's own scopes (`tickets:write:all` for the first).
 *
 * @example
 * ctx.extensionPoint(runbooksExtensionPoint).addRunbook(raiseAndPage);
 */
export const raiseAndPage = defineRunbook({
  id: 'raise_and_page',
  title: 'Raise to P1 and page on-call',
  description:
    "Raises a ticket to priority 1 (critical) and pages the on-call engineer of the ticket's team " +
    'with a message, noting the page privately on the ticket.',
  input: z.object({
    ticketId: z.number().int().positive().describe('The ticket number'),
    message: z.string().trim().min(1).max(500).describe('What the engineer must know'),
  }),
  scopes: ['oncall:page:all'],
  steps: [
    {
      id: 'raise',
      title: 'Raise the priority',
      tool: 'update_ticket',
      arguments: { ticketId: '{{ input.ticketId }}', priority: 1 },
    },
    {
      id: 'page',
      title: 'Page the on-call engineer',
      tool: 'page_on_call',
      arguments: { ticketId: '{{ input.ticketId }}', message: '{{ input.message }}' },
    },
  ],
});
