import {
  startTestServer,
  type BuiltInAuthSettings,
  type TestServer,
} from '../../../../core/index.js';
import { afterAll, beforeAll } from 'vitest';
import { exampleCollections, exampleDeskPlugins } from '../../../helpers/example-desk.js';
import type { FreshDatabase } from '../../../helpers/fresh-postgres-database.js';
import type { TestEngine } from '../../../helpers/test-databases.js';

export {
  agentGrant,
  customAgentGrant,
  userGrant,
} from '../../../../examples/servicedesk/servicedesk.config.js';

/** Demo accounts (plugins/desk/demo): an end user and an agent. */
export const alice = { email: 'alice@example.com', password: 'demo-password-alice' };
export const sam = { email: 'sam@helpdesk.example', password: 'demo-password-sam' };

/** A static confidential client of the agent collection with a service account. */
export const serviceClient = {
  clientId: 'agent-robot',
  clientSecret: 'robot-secret-0123456789abcdef',
  name: 'Agent robot',
  collection: 'agent',
  serviceAccount: { scopes: ['tickets:read:all', 'kb:read'] },
} as const;

/** A static confidential client for the manual (Copilot Studio) flow. */
export const manualClient = {
  clientId: 'copilot-manual',
  clientSecret: 'copilot-secret-0123456789abcdef',
  name: 'Copilot Studio',
  collection: 'user',
  redirectUris: ['https://copilot.example/callback'],
} as const;

/**
 * A server like the example (User Functions and Agent Functions over the demo desk, a few
 * tickets) with the built-in authorization server on.
 */
export function startOAuthServer(
  databaseUrl: string,
  builtIn: BuiltInAuthSettings = {},
  port = 0,
): Promise<TestServer> {
  return startTestServer({
    databaseUrl,
    plugins: exampleDeskPlugins(),
    // Service accounts (client credentials) work on Agent Functions too.
    collections: exampleCollections({ agentRoles: ['agent', 'admin', 'service'] }),
    config: {
      auth: { builtIn: { clients: [serviceClient, manualClient], ...builtIn } },
      http: { port },
      ...(process.env['OAUTH_TEST_LOG'] !== undefined && { log: { level: 'debug' as const } }),
    },
  });
}

/**
 * Starts {@link startOAuthServer} on a fresh database of one engine before the suite's tests and
 * closes both after them; the server is read through the returned function.
 *
 * @example
 * const server = useOAuthServer(engine);
 * it('…', async () => { await fetch(`${server().url}/oauth/reg`); });
 */
export function useOAuthServer(
  engine: Pick<TestEngine, 'createDatabase'>,
  builtIn: BuiltInAuthSettings = {},
): () => TestServer {
  let database: FreshDatabase | undefined;
  let t: TestServer | undefined;
  beforeAll(async () => {
    database = await engine.createDatabase();
    t = await startOAuthServer(database.url, builtIn);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });
  return () => {
    if (t === undefined) throw new Error('the OAuth test server is not started yet');
    return t;
  };
}
