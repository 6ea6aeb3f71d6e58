import { z } from 'zod';
import { ToolError, type Principal } from '../../../core/index.js';
import type { DeskStore, TicketDetail } from '../../desk/api.js';

/**
 * The `ticketId` input both tools take.
 *
 * @example
 * z.object({ ticketId: ticketIdInput })
 */
export const ticketIdInput = z
  .number()
  .int('ticketId must be a whole number, e.g. 4821')
  .positive('ticketId must be a ticket number from 1 up')
  .describe('The ticket number, e.g. 4821');

/** The ticket the caller asked about, or a ToolError telling the model how to find it. */
export async function requireTicket(
  desk: DeskStore,
  principal: Principal,
  id: number,
): Promise<TicketDetail> {
  const detail = await desk.tickets.get(principal, id);
  if (detail === undefined) {
    throw new ToolError(`ticket ${id} not found; check the number, e.g. with search_tickets`);
  }
  return detail;
}
