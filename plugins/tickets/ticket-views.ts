import { bundledViewHtml, defineView } from '../../core/index.js';

/**
 * The ticket card (MCP Apps) for get_ticket, create_ticket and update_ticket: status, priority,
 * SLA with time left, people, notes; for agents, buttons that assign the ticket and add a note.
 *
 * @example
 * defineTool({ ..., ui: { view: ticketCardView } })
 */
export const ticketCardView = defineView({
  uri: 'ui://servicedesk/ticket-card',
  name: 'ticket-card',
  title: 'Ticket card',
  description:
    'One ticket: status, priority, SLA, people and notes, with the actions you may take.',
  html: () => bundledViewHtml('ticket-card'),
  actions: ['get_ticket', 'assign_to_me', 'add_note'],
});

/**
 * The queue board (MCP Apps) for get_assigned_tickets, search_tickets and get_my_tickets:
 * tickets by breach risk with SLA colours, filter chips and paging through the same tool.
 *
 * @example
 * defineTool({ ..., ui: { view: queueBoardView } })
 */
export const queueBoardView = defineView({
  uri: 'ui://servicedesk/queue-board',
  name: 'queue-board',
  title: 'Queue board',
  description: 'Tickets sorted by breach risk, with SLA colours, filters and paging.',
  html: () => bundledViewHtml('queue-board'),
  actions: ['get_ticket'],
});
