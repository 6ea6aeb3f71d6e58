import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineCollection,
  definePlugin,
  startTestServer,
  type DevToken,
  type TestServer,
} from '../../../core/index.js';
import { diagnosticsPlugin } from '../../../plugins/diagnostics/index.js';
import { echoTool } from '../../helpers/test-tools.js';

const ticketsPlugin = definePlugin({
  id: 'tickets',
  version: '1.0.0',
  scopes: {
    'tickets:read:own': 'Read your own tickets',
    'tickets:read:all': 'Read every ticket',
  },
  tools: [
    echoTool('get_my_tickets', ['tickets:read:own']),
    echoTool('search_all_tickets', ['tickets:read:all']),
  ],
});

const everything = ['tickets:read:all', 'diagnostics:read'];
const token = (name: string, role: DevToken['role'], scopes: string[]): DevToken => ({
  token: `${name}-token`,
  name,
  userId: `${name}@example.com`,
  role,
  scopes,
  collections: ['desk'],
});

describe('effective scopes as callers see them', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [diagnosticsPlugin(), ticketsPlugin],
      collections: [
        defineCollection({
          id: 'desk',
          title: 'Desk',
          plugins: ['diagnostics', 'tickets'],
          grant: everything,
        }),
      ],
      tokens: [
        token('alice', 'end_user', everything),
        token('sam', 'agent', everything),
        token('narrow', 'agent', ['diagnostics:read', 'tickets:read:own']),
      ],
    });
  });
  afterAll(() => t.close());

  async function whoami(tokenValue: string) {
    const client = await t.connect('desk', tokenValue);
    const tools = (await client.listTools()).tools.map((x) => x.name).sort();
    const me = await client.callTool({ name: 'whoami', arguments: {} });
    return { client, tools, scopes: (me.structuredContent as { scopes: string[] }).scopes };
  }

  it('an end user whose token says :all gets only :own', async () => {
    const { client, tools, scopes } = await whoami('alice-token');
    expect(scopes).toEqual(['diagnostics:read', 'tickets:read:own']);
    expect(tools).toEqual(['get_my_tickets', 'ping', 'whoami']);
    await expect(
      client.callTool({ name: 'search_all_tickets', arguments: { text: 'vpn' } }),
    ).rejects.toThrow(/not found/);
  });

  it('an agent with the same token scopes gets every extent', async () => {
    const { tools, scopes } = await whoami('sam-token');
    // tickets:read:org is implied by :all but not defined by any plugin here, so it is absent.
    expect(scopes).toEqual(['diagnostics:read', 'tickets:read:all', 'tickets:read:own']);
    expect(tools).toEqual(['get_my_tickets', 'ping', 'search_all_tickets', 'whoami']);
  });

  it('an agent whose token is narrower than the grant gets the token', async () => {
    const { tools, scopes } = await whoami('narrow-token');
    expect(scopes).toEqual(['diagnostics:read', 'tickets:read:own']);
    expect(tools).toEqual(['get_my_tickets', 'ping', 'whoami']);
  });
});
