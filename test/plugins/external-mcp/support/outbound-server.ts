import {
  defineCollection,
  startTestServer,
  type CollectionSpec,
  type DevToken,
  type PluginDefinition,
  type TestServer,
} from '../../../../core/index.js';
import {
  externalMcpPlugin,
  type ExternalMcpPluginOptions,
} from '../../../../plugins/external-mcp/index.js';

/** An agent's development token on the `ops` collection with `scopes`. */
export function opsToken(name: string, scopes: readonly string[]): DevToken {
  return {
    token: `${name}-token`,
    name: 'ops-console',
    userId: `${name}@helpdesk.example`,
    email: `${name}@helpdesk.example`,
    role: 'agent',
    scopes: [...scopes],
    collections: ['ops'],
  };
}

/**
 * Our server with the external-mcp plugin and one collection, `ops`, that lists it (and any
 * `plugins` given) and grants `grant`; its default client holds the whole grant.
 *
 * @example
 * const t = await startOutboundServer({ plugin: { remotes: [everything] }, grant: ['everything:read'] });
 */
export function startOutboundServer(options: {
  readonly plugin: ExternalMcpPluginOptions;
  readonly grant: readonly string[];
  readonly databaseUrl?: string;
  readonly tokens?: readonly DevToken[];
  readonly collection?: Partial<CollectionSpec>;
}): Promise<TestServer> {
  const plugins: PluginDefinition[] = [
    externalMcpPlugin({ maxRetryDelayMs: 400, healthCheckIntervalMs: 500, ...options.plugin }),
  ];
  return startTestServer({
    plugins,
    collections: [
      defineCollection({
        id: 'ops',
        title: 'Operations',
        plugins: ['external-mcp'],
        grant: [...options.grant],
        roles: ['agent', 'admin'],
        ...options.collection,
      }),
    ],
    tokens: [opsToken('sam', options.grant), ...(options.tokens ?? [])],
    ...(options.databaseUrl !== undefined && { databaseUrl: options.databaseUrl }),
  });
}

/** `GET /readyz` of a test server: its status code and its checks. */
export async function readiness(t: TestServer): Promise<{
  status: number;
  checks: Record<string, { ok: boolean; detail?: string }>;
}> {
  const response = await fetch(`${t.url}/readyz`);
  const body = (await response.json()) as {
    checks: Record<string, { ok: boolean; detail?: string }>;
  };
  return { status: response.status, checks: body.checks };
}
