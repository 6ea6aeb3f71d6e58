import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../core/index.js';
import { agentGrant, userGrant } from '../../../examples/servicedesk/servicedesk.config.js';
import { call } from '../../helpers/call-tool.js';
import { exampleCollections, exampleDeskPlugins } from '../../helpers/example-desk.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { postRpc } from '../mcp/support/raw-http.js';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from './support/test-identity-provider.js';

describe.each(testEngines)(
  'the service desk behind an external identity provider on $engine',
  ({ createDatabase }) => {
    let database: FreshDatabase;
    let idp: TestIdentityProvider;
    let t: TestServer;
    const opened: Client[] = [];

    beforeAll(async () => {
      database = await createDatabase();
      idp = await startTestIdentityProvider();
      t = await startTestServer({
        plugins: exampleDeskPlugins(200),
        collections: exampleCollections(),
        databaseUrl: database.url,
        config: {
          auth: {
            external: {
              issuer: idp.issuer,
              roleClaim: 'groups',
              roleMap: { 'Service Desk Agents': 'agent' },
            },
          },
        },
      });
    }, 60_000);
    afterAll(async () => {
      await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
      await t?.close();
      await idp?.close();
      await database?.drop();
    });

    /** An SDK client on `collection` holding `token` as its bearer. */
    async function connect(collection: string, token: string): Promise<Client> {
      const client = new Client({ name: 'idp-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(t.urlOf(collection)), {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        }),
      );
      opened.push(client);
      return client;
    }

    it('lets an end user, named by e-mail in any case, see exactly her own tickets', async () => {
      const token = await idp.sign({
        email: 'ALICE@Example.com',
        aud: t.urlOf('user'),
        scope: userGrant.join(' '),
      });
      const alice = await connect('user', token);
      const { isError, out, text } = await call(alice, 'get_my_tickets', { limit: 100 });
      expect(isError, text).toBe(false);
      expect(out.tickets.length).toBeGreaterThan(0);
      for (const ticket of out.tickets as { requester?: { email: string } | null }[]) {
        if (ticket.requester) expect(ticket.requester.email).toBe('alice@example.com');
      }
    });

    it('lets an agent, by group, search every ticket on the agent collection', async () => {
      const token = await idp.sign({
        email: 'sam@helpdesk.example',
        aud: t.urlOf('agent'),
        scope: agentGrant.join(' '),
        groups: ['Everyone', 'Service Desk Agents'],
      });
      const sam = await connect('agent', token);
      const { isError, out, text } = await call(sam, 'search_tickets', { limit: 5 });
      expect(isError, text).toBe(false);
      expect(out.tickets.length).toBe(5);
    });

    it('tells a valid token for someone who is not a desk user that they have no tickets', async () => {
      const token = await idp.sign({
        email: 'stranger@elsewhere.example',
        aud: t.urlOf('user'),
        scope: userGrant.join(' '),
      });
      const stranger = await connect('user', token);
      const { isError, text } = await call(stranger, 'get_my_tickets', {});
      expect(isError).toBe(true);
      expect(text).toMatch(/not a desk user/);
    });

    it('refuses the end user’s token at the agent collection (audience), and an agent’s at the user one', async () => {
      const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
      const alice = await idp.sign({
        email: 'alice@example.com',
        aud: t.urlOf('user'),
        scope: 'kb:read',
      });
      expect((await postRpc(t.urlOf('agent'), list, { token: alice })).status).toBe(401);
      const sam = await idp.sign({
        email: 'sam@helpdesk.example',
        aud: t.urlOf('agent'),
        scope: 'kb:read',
        groups: ['Service Desk Agents'],
      });
      expect((await postRpc(t.urlOf('user'), list, { token: sam })).status).toBe(401);
    });
  },
);
