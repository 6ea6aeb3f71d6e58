import {
  defineCollection,
  type CollectionDefinition,
  type PluginDefinition,
  type Role,
} from '../../core/index.js';
import config from '../../examples/servicedesk/servicedesk.config.js';
import { deskPlugin } from '../../plugins/desk/index.js';

/**
 * The example server's plugins, with a demo history of `demoTickets` so a test starts quickly.
 *
 * @example
 * await startTestServer({ plugins: exampleDeskPlugins(20), collections: exampleCollections() });
 */
export function exampleDeskPlugins(demoTickets = 20): PluginDefinition[] {
  // The example's own plugins, with only the desk's demo history made smaller.
  return config.plugins.map((plugin) =>
    plugin.id === 'desk' ? deskPlugin({ demoData: 'if-empty', demoTickets }) : plugin,
  );
}

/**
 * The example server's User Functions and Agent Functions; `agentRoles` replaces who may use the
 * agent one (e.g. adding `service` for client-credentials tests).
 *
 * @example
 * exampleCollections({ agentRoles: ['agent', 'admin', 'service'] })
 */
export function exampleCollections(
  options: { readonly agentRoles?: readonly Role[] } = {},
): CollectionDefinition[] {
  return config.collections.map((collection) =>
    collection.id === 'agent' && options.agentRoles !== undefined
      ? defineCollection({ ...collection, roles: options.agentRoles })
      : collection,
  );
}
