import { z } from 'zod';
import { defineRunbook } from '../../plugins/runbooks/index.js';

/**
 * Issue 6 point 5's reference runbook, as the example server configures it: raise a ticket,
 * search the knowledge base with its summary, note the best article (privately) when there is
 * one, and log 45 minutes.
 *
 * @example
 * runbooksPlugin({ runbooks: [raiseAndResolve] })
 */
export const raiseAndResolve = defineRunbook({
  id: 'raise_and_resolve',
  title: 'Raise a ticket and resolve it from the knowledge base',
  description:
    'Logs a ticket for a problem, searches the knowledge base with its summary, adds the best ' +
    'matching article to the ticket as a private note for the agent, and logs 45 minutes of work.',
  input: z.object({
    summary: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('A one-line title, e.g. "VPN keeps dropping"'),
    details: z.string().max(20_000).describe("What happened, in the requester's words"),
    service: z
      .string()
      .min(1)
      .describe('The affected service as the desk names it, e.g. "VPN and Remote Access"'),
    requester: z
      .email()
      .optional()
      .describe('The e-mail of the person the ticket is for; yourself when left out'),
  }),
  scopes: ['runbooks:run'],
  steps: [
    {
      id: 'ticket',
      title: 'Raise the ticket',
      tool: 'create_ticket',
      arguments: {
        type: 'incident',
        summary: '{{ input.summary }}',
        details: '{{ input.details }}',
        requester: '{{ input.requester }}',
        customFields: { affected_service: '{{ input.service }}' },
      },
    },
    {
      id: 'find_article',
      title: 'Search the knowledge base',
      tool: 'search_knowledge_base',
      arguments: { query: '{{ input.summary }}', limit: 3 },
    },
    {
      id: 'note_article',
      title: 'Note the best article',
      tool: 'add_note',
      when: { exists: 'steps.find_article.result.articles.0' },
      arguments: {
        ticketId: '{{ steps.ticket.result.id }}',
        visibility: 'private',
        body:
          'Best knowledge-base match: "{{ steps.find_article.result.articles.0.title }}" ' +
          '(article {{ steps.find_article.result.articles.0.id }}, ' +
          'kb/{{ steps.find_article.result.articles.0.slug }}). Read it with get_article.',
      },
    },
    {
      id: 'log_work',
      title: 'Log 45 minutes',
      tool: 'log_time',
      arguments: {
        ticketId: '{{ steps.ticket.result.id }}',
        minutes: 45,
        note: 'Raised and resolved from the knowledge base (runbook raise_and_resolve)',
      },
    },
  ],
});
