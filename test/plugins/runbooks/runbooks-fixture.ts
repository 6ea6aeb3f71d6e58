import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  defineCollection,
  startTestServer,
  type Database,
  type DevToken,
  type TestServer,
} from '../../../core/index.js';
import { openDatabase, storageFromUrl } from '../../../core/storage/database.js';
import { agentGrant } from '../../../examples/servicedesk/servicedesk.config.js';
import { runbooksPlugin } from '../../../plugins/runbooks/index.js';
import { exampleDeskPlugins } from '../../helpers/example-desk.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import type { TestEngine } from '../../helpers/test-databases.js';
import { drillsPlugin, failAndContinue, failAndStop, slowDrill } from './runbook-drills.js';
import { raiseAndResolve } from '../../../examples/servicedesk/runbooks.js';

const runbookGrant = ['runbooks:run', 'runbooks:read:own', 'drills:run'];

function agentToken(name: string, userId: string, scopes: readonly string[]): DevToken {
  return {
    token: `${name}-token`,
    name: 'copilot-studio',
    userId,
    email: userId,
    role: userId.startsWith('admin@') ? 'admin' : 'agent',
    scopes: [...scopes],
    collections: ['agent'],
  };
}

/** Sam (first, the default client), Tom (another agent), Priya (no time:write), the admin. */
export const tokens: DevToken[] = [
  agentToken('sam', 'sam@helpdesk.example', [...agentGrant, ...runbookGrant]),
  agentToken('tom', 'tom.reid@helpdesk.example', [...agentGrant, ...runbookGrant]),
  agentToken(
    'priya',
    'priya.shah@helpdesk.example',
    [...agentGrant, ...runbookGrant].filter((scope) => scope !== 'time:write'),
  ),
  agentToken('admin', 'admin@helpdesk.example', [...agentGrant, ...runbookGrant]),
];

/** A running desk with the runbooks plugin, and a way to read its tables. */
export interface RunbooksServer {
  readonly t: TestServer;
  readonly sam: Client;
  /** The server's database, for a test that stops the server itself and drops it after. */
  readonly database: FreshDatabase;
  /** Opens the database beside the server, runs `read` and closes it. */
  read<T>(read: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts the example desk (5 demo tickets), the runbooks plugin with the reference runbook and
 * the drills, and an `agent` collection of desk, tickets, knowledge, runbooks and the drills.
 *
 * @example
 * const s = await startRunbooksServer(engine);
 */
export async function startRunbooksServer(
  engine: TestEngine,
  options: {
    readonly heartbeatMs?: number;
    /** Another instance's database: shared, and dropped by whoever created it. */
    readonly database?: FreshDatabase;
    /** Shared state with the deployment's other instances (docs/deployment.md). */
    readonly redis?: { readonly url: string; readonly keyPrefix: string };
  } = {},
): Promise<RunbooksServer> {
  const database: FreshDatabase = options.database ?? (await engine.createDatabase());
  const t = await startTestServer({
    plugins: [
      // The example's own runbooks plugin gives way to this fixture's, with the drills.
      ...exampleDeskPlugins(5).filter((plugin) => plugin.id !== 'runbooks'),
      drillsPlugin(),
      runbooksPlugin({
        runbooks: [raiseAndResolve, failAndStop, failAndContinue, slowDrill],
        ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }),
      }),
    ],
    collections: [
      defineCollection({
        id: 'agent',
        title: 'Agent Functions',
        plugins: ['desk', 'tickets', 'knowledge', 'runbooks', 'runbook-drills'],
        grant: [...agentGrant, ...runbookGrant],
        roles: ['agent', 'admin'],
      }),
    ],
    tokens,
    databaseUrl: database.url,
    ...(options.redis && { config: { redis: options.redis } }),
  });
  return {
    t,
    sam: t.clients['agent']!,
    database,
    async read(read) {
      const db = await openDatabase(storageFromUrl(database.url));
      try {
        return await read(db);
      } finally {
        await db.destroy();
      }
    },
    async close() {
      await t.close();
      if (options.database === undefined) await database.drop();
    },
  };
}
