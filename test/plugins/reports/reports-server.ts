import {
  defineCollection,
  definePlugin,
  startTestServer,
  type DevToken,
  type PluginDefinition,
  type TestServer,
} from '../../../core/index.js';
import { deskPlugin, type DeskTables } from '../../../plugins/desk/index.js';
import { reportsPlugin, type ReportsPluginOptions } from '../../../plugins/reports/index.js';
import type { TestEngine } from '../../helpers/test-databases.js';
import { fixtureNow, insertReportsFixture, type FixtureIds } from './reports-fixture.js';

/** What the agent collection grants: the reports scope and the data scopes the reports need. */
export const reportGrant = [
  'reports:read:all',
  'tickets:read:all',
  'catalogue:read',
  'users:read:all',
];

/** Ann the agent on `agent`, Jo the end user on `user`; both tokens ask for every report scope. */
export const reportTokens: DevToken[] = [
  {
    token: 'ann-token',
    name: 'copilot-studio',
    userId: 'ann.agent@desk.example',
    email: 'ann.agent@desk.example',
    role: 'agent',
    scopes: reportGrant,
    collections: ['agent'],
  },
  {
    token: 'jo-token',
    name: 'claude-desktop',
    userId: 'jo.bloggs@acorn.example',
    email: 'jo.bloggs@acorn.example',
    role: 'end_user',
    scopes: reportGrant,
    collections: ['user'],
  },
];

function fixturePlugin(loaded: (ids: FixtureIds) => void): PluginDefinition {
  return definePlugin({
    id: 'reports-fixture',
    version: '0.0.0',
    requires: ['desk'],
    async setup(ctx) {
      loaded(await insertReportsFixture(ctx.db.withTables<DeskTables>()));
    },
  });
}

/** A running server with the reports on `engine`, and how to stop it and drop its database. */
export interface ReportsServer {
  readonly t: TestServer;
  readonly ids: FixtureIds;
  close(): Promise<void>;
}

/**
 * Starts the desk (on the fixture, or on `demoTickets` demo tickets) and the reports plugin with
 * an Agent collection (agents, every report scope granted) and a User collection that grants the
 * same scopes to end users, to show that the role policy still keeps reports from them.
 */
export async function startReportsServer(
  engine: TestEngine,
  options: { readonly demoTickets?: number; readonly reports?: ReportsPluginOptions } = {},
): Promise<ReportsServer> {
  const database = await engine.createDatabase();
  let ids: FixtureIds | undefined;
  const desk =
    options.demoTickets === undefined
      ? [deskPlugin({ now: () => fixtureNow }), fixturePlugin((loaded) => (ids = loaded))]
      : [deskPlugin({ demoData: 'if-empty', demoTickets: options.demoTickets })];
  const t = await startTestServer({
    // The demo desk is dated from the real clock, so its reports read the real clock too.
    plugins: [
      ...desk,
      reportsPlugin({
        ...(options.demoTickets === undefined && { now: () => fixtureNow }),
        ...options.reports,
      }),
    ],
    collections: [
      defineCollection({
        id: 'agent',
        title: 'Agent Functions',
        plugins: ['reports'],
        grant: reportGrant,
        roles: ['agent', 'admin'],
      }),
      defineCollection({
        id: 'user',
        title: 'User Functions',
        plugins: ['reports'],
        grant: reportGrant,
        roles: ['end_user'],
      }),
    ],
    tokens: reportTokens,
    databaseUrl: database.url,
  });
  return {
    t,
    ids: ids ?? ({ tickets: {}, users: {}, organisations: {} } as unknown as FixtureIds),
    close: async () => {
      await t.close();
      await database.drop();
    },
  };
}
