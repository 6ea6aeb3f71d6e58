import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../core/index.js';
import type { RemoteServerOptions } from '../../../plugins/external-mcp/index.js';
import { call } from '../../helpers/call-tool.js';
import { exampleCollections, exampleDeskPlugins } from '../../helpers/example-desk.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { readiness, startOutboundServer } from './support/outbound-server.js';

const robotToken = 'robot-bearer-0123456789abcdef';

function bearerRemote(remote: TestServer): RemoteServerOptions {
  return {
    id: 'branch-desk',
    prefix: 'branch',
    url: remote.urlOf('agent'),
    tools: ['search_knowledge_base'],
    scopes: { 'branch:read': 'Search the branch desk’s knowledge base' },
    auth: { type: 'bearer', tokenEnv: 'BRANCH_TOKEN' },
  };
}

describe.each(testEngines)('a static bearer remote ($engine)', ({ createDatabase }) => {
  let database: FreshDatabase;
  let remote: TestServer;

  beforeAll(async () => {
    database = await createDatabase();
    remote = await startTestServer({
      databaseUrl: database.url,
      plugins: exampleDeskPlugins(5),
      collections: exampleCollections({ agentRoles: ['agent', 'admin', 'service'] }),
      tokens: [
        {
          token: robotToken,
          name: 'branch-robot',
          userId: 'robot@helpdesk.example',
          role: 'service',
          scopes: ['kb:read'],
          collections: ['agent'],
        },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await remote?.close();
    await database?.drop();
  });

  it('sends the token from the environment and serves the remote’s tools', async () => {
    const t = await startOutboundServer({
      plugin: { remotes: [bearerRemote(remote)], env: { BRANCH_TOKEN: robotToken } },
      grant: ['branch:read'],
    });
    try {
      const ops = t.clients['ops']!;
      expect((await ops.listTools()).tools.map((tool) => tool.name)).toEqual([
        'branch_search_knowledge_base',
      ]);
      const found = await call(ops, 'branch_search_knowledge_base', { query: 'vpn' });
      expect(found.isError).toBe(false);
      expect(found.out.articles.length).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });

  it('with a token the remote refuses, leaves it unavailable and never shows the token', async () => {
    const wrong = 'not-the-robot-token-0123456789';
    const t = await startOutboundServer({
      plugin: { remotes: [bearerRemote(remote)], env: { BRANCH_TOKEN: wrong } },
      grant: ['branch:read'],
    });
    try {
      expect((await t.clients['ops']!.listTools()).tools).toEqual([]);
      const detail = (await readiness(t)).checks['external-mcp:branch-desk']!.detail!;
      expect(detail).toMatch(
        /^unavailable: HTTP 401: AUTH_TOKEN_INVALID: the bearer token is unknown, expired or revoked, retrying in \d+s$/,
      );
      expect(detail).not.toContain(wrong);
    } finally {
      await t.close();
    }
  });
});
