import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type TestServer,
  type TokenVerifier,
  type VerifiedToken,
} from '../../../core/index.js';
import { startFixtureServer, tokens, type FixtureServer } from '../mcp/support/fixture-server.js';
import { callBody, messagesOf, postRpc } from '../mcp/support/raw-http.js';

const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

describe('bearer authentication with development tokens', () => {
  let f: FixtureServer;

  beforeAll(async () => {
    f = await startFixtureServer();
  });
  afterAll(() => f.t.close());

  it('answers a missing token with 401 and a Bearer challenge', async () => {
    const response = await postRpc(f.t.urlOf('desk'), list);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const [message] = await messagesOf(response);
    expect(message?.error?.message).toMatch(/AUTH_TOKEN_MISSING/);
  });

  it('answers an unknown token with 401 and error="invalid_token"', async () => {
    const response = await postRpc(f.t.urlOf('desk'), list, { token: 'not-a-token' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('answers a non-Bearer Authorization header with 401', async () => {
    const response = await postRpc(f.t.urlOf('desk'), list, {
      headers: { authorization: `Basic ${Buffer.from('alice:pw').toString('base64')}` },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('answers a token issued for another collection with 401 (wrong audience)', async () => {
    // Pat's token lists only the agent collection.
    expect((await postRpc(f.t.urlOf('agent'), list, { token: tokens.pat })).status).toBe(200);
    const response = await postRpc(f.t.urlOf('desk'), list, { token: tokens.pat });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    const [message] = await messagesOf(response);
    expect(message?.error?.message).toContain(f.t.urlOf('desk'));
  });

  it('answers a role the collection does not allow with 403 insufficient_scope', async () => {
    // Alice's token names the agent collection, but end users may not use it.
    const response = await postRpc(f.t.urlOf('agent'), list, { token: tokens.alice });
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);
    const [message] = await messagesOf(response);
    expect(message?.error?.message).toMatch(/end_user/);
  });

  it('checks the token on every kind of request, not only POST', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(f.t.urlOf('session'), {
        method,
        headers: { accept: 'text/event-stream' },
      });
      expect(response.status, method).toBe(401);
    }
  });

  it('makes the SDK client fail to connect without a valid token', async () => {
    const client = new Client({ name: 'no-token', version: '1.0.0' });
    await expect(
      client.connect(new StreamableHTTPClientTransport(new URL(f.t.urlOf('desk')))),
    ).rejects.toThrow(/401|Unauthorized|AUTH_TOKEN_MISSING/);
  });
});

/** A plugin whose one tool reports the principal the core resolved. */
function principalPlugin() {
  return definePlugin({
    id: 'principal-echo',
    version: '1.0.0',
    scopes: {
      'desk:read:own': 'Read own',
      'desk:read:all': 'Read all',
      'desk:write:all': 'Write all',
      'kb:read': 'Read the knowledge base',
    },
    tools: [
      defineTool({
        name: 'who',
        title: 'Who is calling',
        description: 'Returns the principal.',
        input: z.object({}),
        output: z.object({
          userId: z.string(),
          role: z.string(),
          clientId: z.string(),
          organisationId: z.string().nullable(),
          collectionId: z.string(),
          scopes: z.array(z.string()),
        }),
        scopes: [],
        handler: ({ principal }) => ({
          userId: principal.userId,
          role: principal.role,
          clientId: principal.clientId,
          organisationId: principal.organisationId ?? null,
          collectionId: principal.collectionId,
          scopes: [...principal.scopes].sort(),
        }),
      }),
    ],
  });
}

describe('a custom token verifier and effective scopes', () => {
  let t: TestServer;
  const now = (): number => Math.floor(Date.now() / 1000);
  const issued = new Map<string, (audience: string) => VerifiedToken>([
    [
      'end-user',
      (audience) => ({
        userId: 'u-1',
        role: 'end_user',
        organisationId: 'org-9',
        clientId: 'claude',
        scopes: ['desk:read:all', 'desk:write:all', 'kb:read'],
        audience: [audience],
        expiresAt: now() + 600,
      }),
    ],
    [
      'agent',
      (audience) => ({
        userId: 'a-1',
        role: 'agent',
        clientId: 'copilot',
        scopes: ['desk:read:all', 'kb:read'],
        audience: [audience],
      }),
    ],
    [
      'foreign',
      () => ({
        userId: 'a-1',
        role: 'agent',
        clientId: 'copilot',
        scopes: ['desk:read:all'],
        audience: ['https://other.example/mcp/desk'],
      }),
    ],
    [
      'expired',
      (audience) => ({
        userId: 'u-2',
        role: 'agent',
        clientId: 'claude',
        scopes: ['desk:read:all'],
        audience: [audience],
        expiresAt: now() - 1,
      }),
    ],
  ]);

  beforeAll(async () => {
    let audience = '';
    const verifier: TokenVerifier = {
      kind: 'test',
      verify: (token) => Promise.resolve(issued.get(token)?.(audience)),
    };
    t = await startTestServer({
      plugins: [principalPlugin()],
      collections: [
        defineCollection({
          id: 'desk',
          title: 'Desk',
          plugins: ['principal-echo'],
          grant: ['desk:read:all', 'desk:write:all'],
        }),
        defineCollection({
          id: 'kiosk',
          title: 'Kiosk',
          plugins: ['principal-echo'],
          grant: ['desk:read:own', 'kb:read'],
          auth: 'none',
          anonymous: { userId: 'kiosk-1', role: 'end_user' },
        }),
      ],
      config: { auth: { verifier } },
    });
    audience = t.urlOf('desk');
  });
  afterAll(() => t.close());

  async function who(token: string | undefined, collection = 'desk') {
    const response = await postRpc(t.urlOf(collection), callBody(1, 'who'), {
      ...(token !== undefined && { token }),
    });
    expect(response.status).toBe(200);
    const [message] = await messagesOf(response);
    return message?.result?.['structuredContent'];
  }

  it('narrows an end user to grant ∩ token ∩ role, honouring extents', async () => {
    expect(await who('end-user')).toEqual({
      userId: 'u-1',
      role: 'end_user',
      clientId: 'claude',
      organisationId: 'org-9',
      collectionId: 'desk',
      // desk:read:all is cut to :own by the role; write:all and kb:read drop out.
      scopes: ['desk:read:own'],
    });
  });

  it('gives an agent what both the grant and its token hold', async () => {
    expect(await who('agent')).toMatchObject({
      role: 'agent',
      clientId: 'copilot',
      scopes: ['desk:read:all', 'desk:read:own'],
    });
  });

  it('refuses an expired token with 401', async () => {
    const response = await postRpc(t.urlOf('desk'), list, { token: 'expired' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/invalid_token/);
  });

  it('refuses a token issued for another resource with 401', async () => {
    const response = await postRpc(t.urlOf('desk'), list, { token: 'foreign' });
    expect(response.status).toBe(401);
    const [message] = await messagesOf(response);
    expect(message?.error?.message).toMatch(/AUTH_WRONG_AUDIENCE/);
  });

  it('serves an unauthenticated loopback collection as its configured anonymous caller', async () => {
    expect(await who(undefined, 'kiosk')).toEqual({
      userId: 'kiosk-1',
      role: 'end_user',
      clientId: 'anonymous',
      organisationId: null,
      collectionId: 'kiosk',
      scopes: ['desk:read:own', 'kb:read'],
    });
  });
});
