import { definePlugin, ServiceDeskError, type PluginDefinition } from '../../core/index.js';
import { deskStoreRef } from '../desk/api.js';
import type { TicketToolDeps } from './ticket-deps.js';
import { loadTicketTypes, ticketsCollectionSettings } from './ticket-settings.js';
import { typeNeeds } from './type-needs.js';
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
 * collection and client. A collection may name the type its tickets get when the caller names
 * none (`settings: { tickets: { defaultType: 'incident' } }`, checked against the desk at start).
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
  return definePlugin({
    id: 'tickets',
    version: '0.1.0',
    description: 'Service-desk ticket tools: get, search, log, update, note, action, assign, time.',
    requires: ['desk'],
    // create_ticket routes a new ticket through ai-assist's triage when it is configured
    // (checked with services.has on each call) and logs it as given when it is not.
    optionalRequires: ['ai-assist'],
    collectionSettings: ticketsCollectionSettings,
    async setup(ctx) {
      const desk = ctx.services.get(deskStoreRef);
      const { types, defaultTypes } = await loadTicketTypes(desk, {
        settings: ctx.collectionSettings(ticketsCollectionSettings),
        purpose: ctx.purpose,
      });
      const deps: TicketToolDeps = Object.freeze({
        desk,
        maxQueueTickets,
        defaultTypes,
        typeNeeds: typeNeeds(types),
      });
      for (const factory of ticketToolFactories) ctx.addTool(factory(deps));
    },
  });
}
