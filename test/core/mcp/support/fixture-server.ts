import {
  defineCollection,
  startTestServer,
  type DevToken,
  type ServerConfig,
  type TestServer,
} from '../../../../core/index.js';
import { FixtureProbe, fixturePlugin } from './fixture-plugin.js';

/** Bearer values of the fixture's development tokens. */
export const tokens = {
  /** alice, an end user whose token carries `:all` scopes (her role cuts them to `:own`). */
  alice: 'alice-end-user-token',
  /** bob, another end user. */
  bob: 'bob-end-user-token',
  /** sam, an agent holding every scope. */
  sam: 'sam-agent-token',
  /** pat, an agent whose token lacks `kb:read`. */
  pat: 'pat-agent-no-kb-token',
} as const;

const allScopes = ['tickets:read:all', 'tickets:write:all', 'kb:read', 'secrets:read:all'] as const;

export const fixtureTokens: readonly DevToken[] = [
  {
    token: tokens.sam,
    name: 'sam-laptop',
    userId: 'sam',
    role: 'agent',
    scopes: allScopes,
    collections: ['agent', 'desk', 'session'],
  },
  {
    token: tokens.alice,
    name: 'alice-phone',
    userId: 'alice',
    role: 'end_user',
    organisationId: 'acorn',
    scopes: ['tickets:read:all', 'tickets:write:all', 'kb:read'],
    collections: ['desk', 'agent', 'session'],
  },
  {
    token: tokens.bob,
    name: 'bob-phone',
    userId: 'bob',
    role: 'end_user',
    scopes: ['tickets:read:own'],
    collections: ['desk', 'session'],
  },
  {
    token: tokens.pat,
    name: 'pat-laptop',
    userId: 'pat',
    role: 'agent',
    scopes: ['tickets:read:all', 'tickets:write:all'],
    collections: ['agent'],
  },
];

/**
 * The fixture's endpoints: `agent` (agents only, everything granted), `desk` (everyone, `:all`
 * grants, stateless) and `session` (stateful, for sessions, subscriptions and elicitation).
 */
export const fixtureCollections = [
  defineCollection({
    id: 'agent',
    title: 'Agent Functions',
    plugins: ['fixture'],
    grant: [...allScopes],
    roles: ['agent', 'admin'],
  }),
  defineCollection({
    id: 'desk',
    title: 'Desk',
    plugins: ['fixture'],
    grant: ['tickets:read:all', 'tickets:write:all', 'kb:read'],
  }),
  defineCollection({
    id: 'session',
    title: 'Stateful desk',
    plugins: ['fixture'],
    grant: ['tickets:read:all', 'tickets:write:all', 'kb:read'],
    session: 'stateful',
  }),
];

/** A running fixture server plus the probe its handlers report to. */
export interface FixtureServer {
  readonly t: TestServer;
  readonly probe: FixtureProbe;
}

/**
 * Starts the fixture plugin on a real server; `config` overrides settings such as `http`, and
 * `databaseUrl` picks the database (a fresh SQLite file by default).
 */
export async function startFixtureServer(
  config: Partial<ServerConfig> = {},
  databaseUrl?: string,
): Promise<FixtureServer> {
  const probe = new FixtureProbe();
  const t = await startTestServer({
    plugins: [fixturePlugin(probe)],
    collections: fixtureCollections,
    tokens: fixtureTokens,
    ...(databaseUrl !== undefined && { databaseUrl }),
    config: { http: { shutdownTimeoutMs: 3000, ...config.http }, ...omitHttp(config) },
  });
  return { t, probe };
}

function omitHttp(config: Partial<ServerConfig>): Partial<ServerConfig> {
  const { http: _http, ...rest } = config;
  return rest;
}
