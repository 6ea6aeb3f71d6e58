import { untrustedText, type Principal } from '../../core/index.js';
import type { Ticket } from '../desk/api.js';
import type { TicketCard } from './ticket-schemas.js';
import { isStaff, type TicketNames } from './ticket-names.js';

/**
 * The ticket columns a card is built from (full tickets and search hits both have them).
 *
 * @example
 * await toTicketCard(hit.row, { names, principal }) // a search hit is a CardSource
 */
export type CardSource = Pick<
  Ticket,
  | 'id'
  | 'type_id'
  | 'summary'
  | 'status'
  | 'priority'
  | 'category'
  | 'team_id'
  | 'agent_id'
  | 'requester_id'
  | 'created_at'
  | 'updated_at'
>;

/**
 * A ticket as a list shows it: keys instead of ids; for agents also who works on it and who asked.
 *
 * @example
 * const cards = await Promise.all(page.tickets.map((t) => toTicketCard(t, { names, principal })));
 */
export async function toTicketCard(
  ticket: CardSource,
  view: { readonly names: TicketNames; readonly principal: Principal },
): Promise<TicketCard> {
  const { names } = view;
  const card: TicketCard = {
    id: ticket.id,
    type: names.typeKey(ticket.type_id),
    summary: untrustedText(`ticket ${ticket.id} summary`, ticket.summary),
    status: ticket.status,
    priority: ticket.priority,
    category: ticket.category,
    team: names.teamKey(ticket.team_id),
    assigned: ticket.agent_id !== null,
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
  };
  if (!isStaff(view.principal)) return card;
  const [agent, requester] = await Promise.all([
    names.person(ticket.agent_id),
    names.person(ticket.requester_id),
  ]);
  return { ...card, agent, requester };
}

/**
 * One line per ticket for text summaries: `#12 [open P2] VPN drops (network)`.
 *
 * @example
 * cardLine(card) // '#12 [open P2] VPN drops (network)'
 */
export function cardLine(card: TicketCard): string {
  const team = card.team === null ? '' : ` (${card.team})`;
  return `#${card.id} [${card.status} P${card.priority}] ${card.summary}${team}`;
}
