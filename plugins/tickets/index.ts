import { definePlugin, ServiceDeskError, type PluginDefinition } from '../../core/index.js';
import { deskStoreRef } from './desk-service.js';
import type { TicketToolDeps } from './ticket-deps.js';
import { actionTicketTool } from './tools/action-ticket.js';
import { addNoteTool } from './tools/add-note.js';
import { assignToMeTool } from './tools/assign-to-me.js';
import { createTicketTool } from './tools/create-ticket.js';
import { getAssignedTicketsTool } from './tools/get-assigned-tickets.js';
import { getMyTicketsTool } from './tools/get-my-tickets.js';
import { getTicketTool } from './tools/get-ticket.js';
import { logTimeTool } from './tools/log-time.js';
import { searchTicketsTool } from './tools/search-tickets.js';
import { updateTicketTool } from './tools/update-ticket.js';

/**
 * Options of {@link ticketsPlugin}.
 *
 * @example
 * ticketsPlugin({ maxQueueTickets: 1000 })
 */
export interface TicketsPluginOptions {
  /**
   * The most tickets `get_assigned_tickets` reads to order one agent's queue by breach risk
   * (500 by default); a longer queue is reported as truncated.
   */
  readonly maxQueueTickets?: number;
  /**
   * The ticket type an end user's ticket gets when they name neither a type nor a catalogue
   * item, e.g. `incident`: people say "my VPN keeps dropping", not which type that is. Left out,
   * they are asked for one (with every type's required fields in the same answer).
   */
  readonly endUserDefaultType?: string;
}

/**
 * Every tool of the plugin, in the order `tools/list` shows them.
 *
 * @example
 * const tools = ticketToolFactories.map((factory) => factory(deps));
 */
export const ticketToolFactories = [
  getTicketTool,
  searchTicketsTool,
  createTicketTool,
  updateTicketTool,
  addNoteTool,
  actionTicketTool,
  getAssignedTicketsTool,
  assignToMeTool,
  getMyTicketsTool,
  logTimeTool,
] as const;

/**
 * The built-in ticket tools (DESIGN §7) on the desk store: get, search, create and update
 * tickets, notes, quick actions, queues, assignment and time. Row scope is the store's; every
 * change is recorded in the ticket's history as made by an assistant through the caller's
 * collection and client.
 *
 * @example
 * defineConfig({
 *   plugins: [deskPlugin(), ticketsPlugin()],
 *   collections: [defineCollection({ id: 'agent', title: 'Agent Functions', plugins: ['desk', 'tickets'],
 *     grant: ['tickets:read:all', 'tickets:write:all', 'time:write'], roles: ['agent', 'admin'] })],
 * })
 */
export function ticketsPlugin(options: TicketsPluginOptions = {}): PluginDefinition {
  const maxQueueTickets = options.maxQueueTickets ?? 500;
  if (!Number.isSafeInteger(maxQueueTickets) || maxQueueTickets < 1) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `plugin "tickets": maxQueueTickets is ${String(options.maxQueueTickets)}, which must be a whole number of 1 or more`,
    );
  }
  const endUserDefaultType = options.endUserDefaultType;
  if (endUserDefaultType !== undefined && !/^[a-z0-9][a-z0-9_-]*$/.test(endUserDefaultType)) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `plugin "tickets": endUserDefaultType is ${JSON.stringify(endUserDefaultType)}, which must be a ticket type key such as "incident"`,
    );
  }
  return definePlugin({
    id: 'tickets',
    version: '0.1.0',
    description: 'Service-desk ticket tools: get, search, log, update, note, action, assign, time.',
    requires: ['desk'],
    setup(ctx) {
      const deps: TicketToolDeps = Object.freeze({
        desk: ctx.services.get(deskStoreRef),
        maxQueueTickets,
        ...(endUserDefaultType !== undefined && { endUserDefaultType }),
      });
      for (const factory of ticketToolFactories) ctx.addTool(factory(deps));
    },
  });
}
