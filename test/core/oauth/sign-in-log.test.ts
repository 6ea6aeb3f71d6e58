import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../core/index.js';
import { logDigest } from '../../../core/log/redact.js';
import { exampleCollections, exampleDeskPlugins } from '../../helpers/example-desk.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { authorizationCode } from './support/manual-client.js';
import { alice, manualClient } from './support/oauth-test-server.js';

/**
 * Issue 15, item 9: "sign-in failed" lines carried neither the (hashed) e-mail nor the client
 * address, so an account attacked from many addresses, or one address trying many accounts, did
 * not show.
 */
describe.each(testEngines.slice(0, 1))(
  'the failed sign-in line on $engine',
  ({ createDatabase }) => {
    let database: FreshDatabase;
    let t: TestServer;
    const lines: Record<string, unknown>[] = [];

    beforeAll(async () => {
      database = await createDatabase();
      t = await startTestServer({
        databaseUrl: database.url,
        plugins: exampleDeskPlugins(),
        collections: exampleCollections(),
        config: {
          auth: { builtIn: { clients: [manualClient] } },
          log: {
            level: 'warn',
            sink: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
          },
        },
      });
    });
    afterAll(async () => {
      await t?.close();
      await database?.drop();
    });

    it('names the address and a digest of the e-mail, never the password', async () => {
      await expect(
        authorizationCode(t, { email: alice.email, password: 'not-her-password' }),
      ).rejects.toMatchObject({ status: 401 });
      const failed = lines.filter((line) => line['msg'] === 'sign-in failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ collection: 'user', emailHash: logDigest(alice.email) });
      expect(String(failed[0]?.['address'])).toMatch(/127\.0\.0\.1$/);
      expect(JSON.stringify(lines)).not.toContain('not-her-password');
      expect(JSON.stringify(lines)).not.toContain(alice.email);
    });
  },
);
