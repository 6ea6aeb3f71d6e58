import { definePlugin, type PluginDefinition } from '../../core/index.js';
import { deskStoreRef } from '../desk/api.js';
import { provideTicketTypesExtension } from './ticket-type-extension.js';
import { loadTicketTypeSources } from './ticket-type-source.js';
import { ticketTypeTool } from './ticket-type-tool.js';
import { planTicketTypeTools, type TicketTypeToolConfig } from './tool-config.js';

// What other plugins may import too; configs and examples import it from here.
export * from './api.js';

/**
 * Options of {@link ticketTypeToolsPlugin}.
 *
 * @example
 * const options: TicketTypeToolsPluginOptions = { tools: [{ type: 'opportunity' }] };
 */
export interface TicketTypeToolsPluginOptions {
  /** One tool per entry: a ticket type, or a catalogue item (which brings its ticket type). */
  readonly tools: readonly TicketTypeToolConfig[];
}

/**
 * Ticket-type tools (DESIGN §7): for each configured ticket type or catalogue item, a tool such
 * as `log_opportunity` whose arguments are that type's own fields, read from the desk at startup,
 * with the type's default team and priority, and a scope of its own (`tickets:log-<key>:own` by
 * default). Changing a type's fields changes the tool's schema at the next start. Other plugins
 * add tools of their own through {@link ticketTypesExtensionPoint}, gated by their own scopes.
 *
 * @example
 * ticketTypeToolsPlugin({
 *   tools: [{ type: 'opportunity' }, { catalogueItem: 'new-starter', name: 'log_new_starter' }],
 * })
 */
export function ticketTypeToolsPlugin(options: TicketTypeToolsPluginOptions): PluginDefinition {
  const planned = planTicketTypeTools(options?.tools);
  return definePlugin({
    id: 'ticket-types',
    version: '0.1.0',
    description: 'A tool per configured ticket type or catalogue item, with its own fields.',
    requires: ['desk'],
    scopes: Object.fromEntries(
      planned.map((tool) => [
        tool.scope,
        tool.kind === 'type'
          ? `Log ${tool.key} tickets with ${tool.name}`
          : `Request ${tool.key} from the service catalogue with ${tool.name}`,
      ]),
    ),
    async setup(ctx) {
      const desk = ctx.services.get(deskStoreRef);
      const { sources, placeholders } = await loadTicketTypeSources(desk, {
        planned,
        purpose: ctx.purpose,
      });
      if (placeholders) {
        ctx.log.warn('the desk has no ticket types yet: ticket-type tools have no fields', {
          tools: planned.map((tool) => tool.name),
        });
      }
      for (const source of sources) ctx.addTool(ticketTypeTool(source, desk));
      provideTicketTypesExtension(ctx, { configured: planned, desk });
    },
  });
}
