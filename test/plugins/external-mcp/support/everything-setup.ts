import type { CollectionSpec, DevToken, TestServer } from '../../../../core/index.js';
import type { RemoteServerOptions } from '../../../../plugins/external-mcp/index.js';
import type { FreshDatabase } from '../../../helpers/fresh-postgres-database.js';
import { everythingServer, type EverythingServer } from './everything-server.js';
import { startOutboundServer } from './outbound-server.js';

/** Priya, an agent on `ops` who may use the reference server's tools but not get-sum. */
export const readerToken: DevToken = {
  token: 'reader-token',
  name: 'ops-console',
  userId: 'priya.shah@helpdesk.example',
  role: 'agent',
  scopes: ['everything:read'],
  collections: ['ops'],
};

/**
 * The reference server as remote `everything` (prefix `ev`) importing `tools`: each needs
 * `everything:read`, `get-sum` needs `everything:compute` instead.
 *
 * @example
 * everythingRemote(everything.url, ['echo'], { connectTimeoutMs: 2_000 })
 */
export function everythingRemote(
  url: string,
  tools: readonly string[],
  options: Partial<RemoteServerOptions> = {},
): RemoteServerOptions {
  return {
    id: 'everything',
    title: 'Everything reference server',
    prefix: 'ev',
    url,
    tools,
    scopes: {
      'everything:read': 'Use the reference server',
      'everything:compute': 'Let the reference server add numbers',
    },
    toolScopes: { default: ['everything:read'], 'get-sum': ['everything:compute'] },
    ...options,
  };
}

/** The reference server, a fresh database and our server importing it; `close()` ends all three. */
export interface EverythingSetup {
  readonly everything: EverythingServer;
  readonly database: FreshDatabase;
  readonly t: TestServer;
  close(): Promise<void>;
}

/**
 * Starts server-everything, creates a database and starts our server on it with the `ops`
 * collection granting both scopes, sam's token (both) and {@link readerToken}.
 *
 * @example
 * const { t, everything } = await startWithEverything(createDatabase, { remote: everythingRemote(url, ['echo']) });
 */
export async function startWithEverything(
  createDatabase: () => Promise<FreshDatabase>,
  options: {
    readonly remote: (url: string) => RemoteServerOptions;
    readonly collection?: Partial<CollectionSpec>;
  },
): Promise<EverythingSetup> {
  const everything = await everythingServer();
  await everything.start();
  const database = await createDatabase();
  const t = await startOutboundServer({
    plugin: { remotes: [options.remote(everything.url)] },
    grant: ['everything:read', 'everything:compute'],
    databaseUrl: database.url,
    tokens: [readerToken],
    ...(options.collection && { collection: options.collection }),
  }).catch(async (error: unknown) => {
    await database.drop();
    await everything.kill();
    throw error;
  });
  return {
    everything,
    database,
    t,
    async close() {
      await t.close();
      await database.drop();
      await everything.kill();
    },
  };
}
