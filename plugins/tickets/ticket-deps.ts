import type { DeskStore } from '../desk/api.js';

/**
 * What every ticket tool is built from; made once in the plugin's setup.
 *
 * @example
 * const deps: TicketToolDeps = { desk, maxQueueTickets: 500, defaultTypes: new Map(), typeNeeds: { names: '', values: '' } };
 */
export interface TicketToolDeps {
  readonly desk: DeskStore;
  /** The most tickets `get_assigned_tickets` reads to order a queue by breach risk. */
  readonly maxQueueTickets: number;
  /**
   * By collection id: the type a ticket logged there gets when its caller names neither a type
   * nor a catalogue item (the collection's `settings.tickets.defaultType`).
   */
  readonly defaultTypes: ReadonlyMap<string, string>;
  /** What each ticket type needs in `customFields`, for `create_ticket`'s descriptions. */
  readonly typeNeeds: { readonly names: string; readonly values: string };
}
