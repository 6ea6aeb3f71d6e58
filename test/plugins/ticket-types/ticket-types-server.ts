import type { Kysely } from 'kysely';
import {
  defineCollection,
  definePlugin,
  startTestServer,
  type DevToken,
  type TestServer,
} from '../../../core/index.js';
import { deskPlugin, type DeskTables } from '../../../plugins/desk/index.js';
import {
  ticketTypeToolsPlugin,
  type TicketTypeToolConfig,
} from '../../../plugins/ticket-types/index.js';

/** The tools these tests configure: a ticket type and a catalogue item. */
export const configuredTools: readonly TicketTypeToolConfig[] = [
  { type: 'opportunity' },
  { catalogueItem: 'new-starter', name: 'log_new_starter' },
];

const bothScopes = ['tickets:log-opportunity:own', 'tickets:log-new-starter:own'];

/**
 * Tokens: Sam (agent) on `agent` and on `sales` (whose grant has the opportunity tool only), Sam
 * with a token holding only the opportunity tool's scope, and Alice (end user at Acorn) on `user`.
 */
export const tokens: readonly DevToken[] = [
  {
    token: 'sam-token',
    name: 'copilot-studio',
    userId: 'sam@helpdesk.example',
    email: 'sam@helpdesk.example',
    role: 'agent',
    scopes: ['tickets:write:all', ...bothScopes],
    collections: ['agent', 'sales'],
  },
  {
    token: 'opportunities-only-token',
    name: 'copilot-studio',
    userId: 'sam@helpdesk.example',
    email: 'sam@helpdesk.example',
    role: 'agent',
    scopes: ['tickets:write:all', 'tickets:log-opportunity:own'],
    collections: ['agent'],
  },
  {
    token: 'alice-token',
    name: 'claude-desktop',
    userId: 'alice@example.com',
    email: 'alice@example.com',
    role: 'end_user',
    scopes: ['tickets:write:own', ...bothScopes],
    collections: ['user'],
  },
];

/** A running server on the demo desk with the ticket-type tools, and the desk's tables. */
export interface TicketTypesServer {
  readonly t: TestServer;
  readonly db: Kysely<DeskTables>;
  /** How many tickets the desk holds. */
  ticketCount(): Promise<number>;
}

/**
 * Starts the desk (demo data, few tickets) and the ticket-type tools on `databaseUrl`, with
 * collections `agent` (both tools), `sales` (opportunities only) and `user` (end users).
 */
export async function startTicketTypesServer(
  databaseUrl: string,
  tools: readonly TicketTypeToolConfig[] = configuredTools,
): Promise<TicketTypesServer> {
  let db: Kysely<DeskTables> | undefined;
  const t = await startTestServer({
    plugins: [
      deskPlugin({ demoData: 'if-empty', demoTickets: 5 }),
      ticketTypeToolsPlugin({ tools }),
      // Hands the test the desk's tables, to count tickets and change ticket types.
      definePlugin({
        id: 'test-tables',
        version: '0.0.0',
        requires: ['desk'],
        setup: (ctx) => void (db = ctx.db.withTables<DeskTables>()),
      }),
    ],
    collections: [
      defineCollection({
        id: 'agent',
        title: 'Agent Functions',
        plugins: ['ticket-types'],
        grant: ['tickets:write:all', ...bothScopes],
        roles: ['agent', 'admin'],
      }),
      defineCollection({
        id: 'sales',
        title: 'Sales',
        plugins: ['ticket-types'],
        grant: ['tickets:write:all', 'tickets:log-opportunity:own'],
        roles: ['agent', 'admin'],
      }),
      defineCollection({
        id: 'user',
        title: 'User Functions',
        plugins: ['ticket-types'],
        grant: ['tickets:write:own', ...bothScopes],
        roles: ['end_user'],
      }),
    ],
    tokens: [...tokens],
    databaseUrl,
  });
  const tables = db!;
  return {
    t,
    db: tables,
    ticketCount: async () =>
      Number(
        (
          await tables
            .selectFrom('desk_tickets')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
  };
}
