import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineCollection,
  definePlugin,
  startTestServer,
  type DevToken,
  type TestServer,
} from '../../../core/index.js';

const plugin = definePlugin({ id: 'quiet', version: '1.0.0', scopes: { 'quiet:read': 'Read' } });
const token = (name: string): DevToken => ({
  token: `token-${name}`,
  name,
  userId: name,
  role: 'agent',
  scopes: ['quiet:read'],
  collections: ['desk'],
});

async function initialize(t: TestServer, bearer: string): Promise<Response> {
  return fetch(t.urlOf('desk'), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${bearer}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 't', version: '1' },
      },
    }),
  });
}

async function ping(t: TestServer, bearer: string, session: string): Promise<number> {
  const response = await fetch(t.urlOf('desk'), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${bearer}`,
      'mcp-session-id': session,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
  });
  return response.status;
}

describe('session limits on a stateful collection', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [plugin],
      collections: [
        defineCollection({
          id: 'desk',
          title: 'Desk',
          plugins: ['quiet'],
          grant: ['quiet:read'],
          session: 'stateful',
        }),
      ],
      tokens: [token('ann'), token('ben'), token('cat')],
      config: { http: { maxSessionsPerCaller: 2, maxSessions: 3 } },
    });
  });
  afterAll(() => t.close());

  it('closes a caller’s least recently used session when it opens one too many', async () => {
    const first = (await initialize(t, 'token-ann')).headers.get('mcp-session-id')!;
    const second = (await initialize(t, 'token-ann')).headers.get('mcp-session-id')!;
    expect(await ping(t, 'token-ann', first)).toBe(200); // first is now the most recently used
    const third = (await initialize(t, 'token-ann')).headers.get('mcp-session-id')!;
    expect(await ping(t, 'token-ann', second)).toBe(404);
    expect(await ping(t, 'token-ann', first)).toBe(200);
    expect(await ping(t, 'token-ann', third)).toBe(200);
  });

  it('refuses a new session with 503 once the collection holds its maximum', async () => {
    expect((await initialize(t, 'token-ben')).status).toBe(200); // the third session in all
    const refused = await initialize(t, 'token-cat');
    expect(refused.status).toBe(503);
    expect(await refused.text()).toContain('SESSION_LIMIT_REACHED');
  });
});
