import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineCollection, type Database, type TestServer } from '../../../core/index.js';
import { openDatabase, storageFromUrl } from '../../../core/storage/database.js';
import {
  externalMcpPlugin,
  type RemoteServerOptions,
} from '../../../plugins/external-mcp/index.js';
import { call } from '../../helpers/call-tool.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { testEngines } from '../../helpers/test-databases.js';
import { serviceClient, startOAuthServer } from '../../core/oauth/support/oauth-test-server.js';
import { readiness, startOutboundServer } from './support/outbound-server.js';

const patience = { timeout: 15_000, interval: 100 };
const secretEnv = 'DESK_ROBOT_SECRET';

/** Our own desk, behind its built-in authorization server, as a client-credentials remote. */
function deskRemote(remote: TestServer): RemoteServerOptions {
  return {
    id: 'head-office',
    title: 'Head office service desk',
    prefix: 'ho',
    url: remote.urlOf('agent'),
    tools: ['search_knowledge_base', 'get_ticket'],
    scopes: { 'head-office:read': 'Read the head office desk’s knowledge base and tickets' },
    auth: {
      type: 'client-credentials',
      tokenUrl: `${remote.url}/oauth/token`,
      clientId: serviceClient.clientId,
      clientSecretEnv: secretEnv,
      scope: 'kb:read tickets:read:all',
      // The token's audience must be the remote collection, or it refuses the token.
      resource: remote.urlOf('agent'),
    },
  };
}

async function withDatabase<T>(url: string, read: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(storageFromUrl(url));
  try {
    return await read(db);
  } finally {
    await db.destroy();
  }
}

type OAuthRows = { sdm_oauth: { kind: string; id: string } };

describe.each(testEngines)(
  'a client-credentials remote: our own desk ($engine)',
  ({ createDatabase }) => {
    let remoteDatabase: FreshDatabase;
    let localDatabase: FreshDatabase;
    let remote: TestServer;
    let t: TestServer;
    let ops: Client;

    const issuedTokens = () =>
      withDatabase(
        remoteDatabase.url,
        async (db) =>
          (
            await db
              .withTables<OAuthRows>()
              .selectFrom('sdm_oauth')
              .select('id')
              .where('kind', '=', 'ClientCredentials')
              .execute()
          ).length,
      );

    beforeAll(async () => {
      remoteDatabase = await createDatabase();
      localDatabase = await createDatabase();
      // Short-lived tokens, so renewal before expiry shows within the test.
      remote = await startOAuthServer(remoteDatabase.url, { accessTokenTtl: 6 });
      t = await startOutboundServer({
        plugin: {
          remotes: [deskRemote(remote)],
          env: { [secretEnv]: serviceClient.clientSecret },
          healthCheckIntervalMs: 600_000,
        },
        grant: ['head-office:read'],
        databaseUrl: localDatabase.url,
      });
      ops = t.clients['ops']!;
    }, 60_000);

    afterAll(async () => {
      await t?.close();
      await remote?.close();
      await localDatabase?.drop();
      await remoteDatabase?.drop();
    });

    it('imports the remote desk’s tools and calls them with a token of its own', async () => {
      const names = (await ops.listTools()).tools.map((tool) => tool.name).sort();
      expect(names).toEqual(['ho_get_ticket', 'ho_search_knowledge_base']);
      const found = await call(ops, 'ho_search_knowledge_base', { query: 'vpn' });
      expect(found.isError).toBe(false);
      expect(found.out.articles.length).toBeGreaterThan(0);
    });

    it('is seen by the remote as its service account, never as our caller', async () => {
      await call(ops, 'ho_get_ticket', { ticketId: 1 });
      await vi.waitFor(async () => {
        const rows = await withDatabase(remoteDatabase.url, (db) =>
          db
            .withTables<{
              sdm_audit: { tool: string; user_id: string; role: string; client_id: string };
            }>()
            .selectFrom('sdm_audit')
            .select(['tool', 'user_id', 'role', 'client_id'])
            .where('tool', '=', 'get_ticket')
            .execute(),
        );
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(row).toMatchObject({ role: 'service', client_id: serviceClient.clientId });
          expect(row.user_id).not.toBe('sam@helpdesk.example');
        }
      }, patience);
    });

    it('gets a new token shortly before the cached one expires, and shares it between calls', async () => {
      const first = await issuedTokens();
      expect(first).toBeGreaterThanOrEqual(1);
      // The 6-second token is renewed 3 seconds into its life, on the next call after that.
      await vi.waitFor(async () => {
        expect((await call(ops, 'ho_search_knowledge_base', { query: 'printer' })).isError).toBe(
          false,
        );
        expect(await issuedTokens()).toBeGreaterThan(first);
      }, patience);
      const renewed = await issuedTokens();
      for (let i = 0; i < 3; i++) {
        expect((await call(ops, 'ho_search_knowledge_base', { query: 'vpn' })).isError).toBe(false);
      }
      // Early in the new token's life: the calls shared it.
      expect(await issuedTokens()).toBe(renewed);
    });

    it('gets a fresh token when the remote refuses a revoked one (401) and the call still succeeds', async () => {
      await withDatabase(remoteDatabase.url, (db) =>
        db
          .withTables<OAuthRows>()
          .deleteFrom('sdm_oauth')
          .where('kind', '=', 'ClientCredentials')
          .execute(),
      );
      const found = await call(ops, 'ho_search_knowledge_base', { query: 'vpn' });
      expect(found.isError).toBe(false);
      expect(await issuedTokens()).toBe(1);
    });

    it('with a wrong secret leaves the remote unavailable, says why in /readyz, and never shows the secret', async () => {
      const wrongSecret = 'wrong-secret-0123456789abcdef';
      const other = await startOutboundServer({
        plugin: { remotes: [deskRemote(remote)], env: { [secretEnv]: wrongSecret } },
        grant: ['head-office:read'],
      });
      try {
        expect((await other.clients['ops']!.listTools()).tools).toEqual([]);
        const { status, checks } = await readiness(other);
        expect(status).toBe(503);
        const detail = checks['external-mcp:head-office']!.detail!;
        expect(detail).toMatch(
          /^unavailable: client-credentials token request to http:\/\/127\.0\.0\.1:\d+\/oauth\/token failed: HTTP 401 \(invalid_client\), retrying in \d+s$/,
        );
        expect(detail).not.toContain(wrongSecret);
      } finally {
        await other.close();
      }
    });

    it('refuses to start when the secret’s environment variable is not set, naming it', async () => {
      const error = await expectStartupError(
        {
          plugins: [externalMcpPlugin({ remotes: [deskRemote(remote)], env: {} })],
          collections: [
            defineCollection({
              id: 'ops',
              title: 'Ops',
              plugins: ['external-mcp'],
              grant: ['head-office:read'],
            }),
          ],
        },
        'CONFIG_INVALID',
      );
      expect(error.message).toBe(
        'CONFIG_INVALID: plugin "external-mcp": remote "head-office".auth reads environment variable DESK_ROBOT_SECRET, which is not set',
      );
    });
  },
);
