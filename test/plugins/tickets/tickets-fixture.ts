import {
  defineCollection,
  definePlugin,
  startTestServer,
  type DevToken,
  type PluginDefinition,
  type TestServer,
} from '../../../core/index.js';
import { deskPlugin, type DeskTables } from '../../../plugins/desk/index.js';
import { ticketsPlugin } from '../../../plugins/tickets/index.js';
import type { TestEngine } from '../../helpers/test-databases.js';
import { insertReferenceData, insertTickets, people, type FixtureTickets } from './fixture-desk.js';

export { people, type FixtureTickets };

/** The desk's clock in these tests. */
export const fixtureNow = new Date('2026-02-02T10:00:00.000Z');

/** Loads the fixture desk when the server starts (after the desk's migrations). */
function fixturePlugin(loaded: (tickets: FixtureTickets) => void) {
  return definePlugin({
    id: 'tickets-fixture',
    version: '0.0.0',
    requires: ['desk'],
    async setup(ctx) {
      const db = ctx.db.withTables<DeskTables>();
      loaded(await insertTickets(db, await insertReferenceData(db)));
    },
  });
}

const userScopes = ['tickets:read:own', 'tickets:write:own', 'time:write'];
const agentScopes = ['tickets:read:all', 'tickets:write:all', 'time:write'];

/** Dev tokens: `<name>-token`; end users on `user` (via claude-desktop), agents on `agent`. */
export const tokens: DevToken[] = Object.entries(people).map(([short, p]) => ({
  token: `${short}-token`,
  name: p.role === 'end_user' ? 'claude-desktop' : 'copilot-studio',
  userId: p.email,
  email: p.email,
  role: p.role,
  scopes: p.role === 'end_user' ? userScopes : agentScopes,
  collections: p.role === 'end_user' ? ['user'] : ['agent'],
}));

/**
 * Starts the desk and the tickets plugin with User and Agent collections on `engine`; `extra`
 * plugins are set up after them (e.g. a fake service the tools look up at call time).
 */
export async function startTicketsServer(
  engine: TestEngine,
  extra: readonly PluginDefinition[] = [],
): Promise<{ t: TestServer; tickets: FixtureTickets; close: () => Promise<void> }> {
  const database = await engine.createDatabase();
  let tickets: FixtureTickets | undefined;
  const t = await startTestServer({
    plugins: [
      deskPlugin({ now: () => fixtureNow }),
      ticketsPlugin(),
      fixturePlugin((loaded) => (tickets = loaded)),
      ...extra,
    ],
    collections: [
      defineCollection({
        id: 'user',
        title: 'User Functions',
        plugins: ['tickets'],
        grant: ['tickets:read:own', 'tickets:write:own'],
        roles: ['end_user'],
      }),
      defineCollection({
        id: 'agent',
        title: 'Agent Functions',
        plugins: ['tickets'],
        grant: ['tickets:read:all', 'tickets:write:all', 'time:write'],
        roles: ['agent', 'admin'],
      }),
    ],
    tokens,
    databaseUrl: database.url,
  });
  return {
    t,
    tickets: tickets!,
    close: async () => {
      await t.close();
      await database.drop();
    },
  };
}
