import type { PluginDefinition } from '../core/index.js';
import { deskPlugin } from '../plugins/desk/index.js';
import { knowledgePlugin } from '../plugins/knowledge/index.js';
import { peoplePlugin } from '../plugins/people/index.js';
import { ticketsPlugin } from '../plugins/tickets/index.js';

/** Options of {@link demoDeskPlugin} and {@link demoDeskPlugins}. */
export interface DemoDeskOptions {
  /** Tickets in the demo history (20 unless given; the example server has 3,000). */
  readonly demoTickets?: number;
}

/**
 * The desk store (plugin id `desk`), loaded with the demo desk when its database is empty: the
 * demo users (`alice@example.com`, `sam@helpdesk.example`, …), teams, knowledge base, catalogue
 * and a small ticket history, so a test server with it starts in about a second.
 *
 * @example
 * await startTestServer({ plugins: [demoDeskPlugin({ demoTickets: 5 }), partsPlugin()], collections });
 */
export function demoDeskPlugin(options: DemoDeskOptions = {}): PluginDefinition {
  return deskPlugin({ demoData: 'if-empty', demoTickets: options.demoTickets ?? 20 });
}

/**
 * {@link demoDeskPlugin} with the built-in service-desk tools on it: the `tickets`, `knowledge`
 * and `people` plugins, for a collection that serves them beside a plugin under test.
 *
 * @example
 * await startTestServer({ plugins: [...demoDeskPlugins(), partsPlugin()], collections, tokens });
 */
export function demoDeskPlugins(options: DemoDeskOptions = {}): PluginDefinition[] {
  return [demoDeskPlugin(options), ticketsPlugin(), knowledgePlugin(), peoplePlugin()];
}
