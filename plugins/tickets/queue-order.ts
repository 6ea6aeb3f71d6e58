import type { SlaStatus, Ticket } from '../desk/api.js';

/**
 * A queued ticket with its SLA standing.
 *
 * @example
 * const queued: QueuedTicket = { ticket, sla: await desk.sla.statusOf(principal, ticket) };
 */
export interface QueuedTicket {
  readonly ticket: Ticket;
  readonly sla: SlaStatus;
}

/**
 * How a queue is ordered.
 *
 * @example
 * sortQueue(queued, 'newest')
 */
export type QueueSort = 'breach_risk' | 'newest';

function byBreachRisk(a: QueuedTicket, b: QueuedTicket): number {
  // Fewest minutes left first, so breached tickets (negative) lead; no SLA target goes last.
  const left = a.sla.minutes_remaining ?? Number.POSITIVE_INFINITY;
  const right = b.sla.minutes_remaining ?? Number.POSITIVE_INFINITY;
  if (left !== right) return left < right ? -1 : 1;
  if (a.sla.response_breached !== b.sla.response_breached) return a.sla.response_breached ? -1 : 1;
  if (a.ticket.priority !== b.ticket.priority) return a.ticket.priority - b.ticket.priority;
  return a.ticket.id - b.ticket.id;
}

function byNewest(a: QueuedTicket, b: QueuedTicket): number {
  if (a.ticket.created_at !== b.ticket.created_at) {
    return a.ticket.created_at < b.ticket.created_at ? 1 : -1;
  }
  return b.ticket.id - a.ticket.id;
}

/**
 * Orders a queue: by breach risk (already breached first, then soonest due) or newest first.
 *
 * @example
 * sortQueue(queued, 'breach_risk')[0] // the most overdue ticket
 */
export function sortQueue(queue: readonly QueuedTicket[], sort: QueueSort): QueuedTicket[] {
  return [...queue].sort(sort === 'breach_risk' ? byBreachRisk : byNewest);
}
