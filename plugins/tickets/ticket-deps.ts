import type { DeskStore } from '../desk/index.js';

/**
 * What every ticket tool is built from; made once in the plugin's setup.
 *
 * @example
 * const deps: TicketToolDeps = { desk: ctx.services.get(deskStoreRef), maxQueueTickets: 500 };
 */
export interface TicketToolDeps {
  readonly desk: DeskStore;
  /** The most tickets `get_assigned_tickets` reads to order a queue by breach risk. */
  readonly maxQueueTickets: number;
  /** The type an end user's ticket gets when they name none (`ticketsPlugin`'s option). */
  readonly endUserDefaultType?: string;
}
