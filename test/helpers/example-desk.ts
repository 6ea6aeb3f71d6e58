import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll } from 'vitest';
import {
  defineCollection,
  startTestServer,
  type TestServer,
  type CollectionDefinition,
  type PluginDefinition,
  type Role,
} from '../../core/index.js';
import config, { demoTokens } from '../../examples/servicedesk/servicedesk.config.js';
import { demoDeskPlugin, type TestEngine } from '../../testing/index.js';

/**
 * The example server's plugins, with a demo history of `demoTickets` so a test starts quickly.
 *
 * @example
 * await startTestServer({ plugins: exampleDeskPlugins(20), collections: exampleCollections() });
 */
export function exampleDeskPlugins(demoTickets = 20): PluginDefinition[] {
  // The example's own plugins, with only the desk's demo history made smaller.
  return config.plugins.map((plugin) =>
    plugin.id === 'desk' ? demoDeskPlugin({ demoTickets }) : plugin,
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

/** The example desk started by {@link useExampleDesk}: its server and the two demo callers. */
export interface ExampleDesk {
  readonly t: TestServer;
  /** Alice, an end user, on User Functions. */
  readonly alice: Client;
  /** Sam, an agent, on Agent Functions. */
  readonly sam: Client;
}

/**
 * Starts the example desk (20 demo tickets unless `options.demoTickets` says otherwise, the demo
 * tokens) on a fresh database of `engine` before the tests of the calling `describe`, and stops
 * it after them. Read the result inside tests: it is filled in by `beforeAll`.
 *
 * @example
 * describe.each(testEngines)('on $engine', (engine) => { const desk = useExampleDesk(engine); … });
 */
export function useExampleDesk(
  engine: TestEngine,
  options: { readonly demoTickets?: number } = {},
): ExampleDesk {
  const desk = {} as { t: TestServer; alice: Client; sam: Client };
  beforeAll(async () => {
    desk.t = await startTestServer({
      plugins: exampleDeskPlugins(options.demoTickets ?? 20),
      collections: exampleCollections(),
      tokens: demoTokens,
      engine,
    });
    desk.alice = desk.t.clients['user']!;
    desk.sam = desk.t.clients['agent']!;
  });
  afterAll(async () => {
    await desk.t?.close();
  });
  return desk;
}
