import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentFunctionTools,
  customAgentTools,
  userFunctionTools,
} from '../../examples/servicedesk/servicedesk.config.js';
import { registerPublicClient, signInAsPublicClient } from '../core/oauth/public-client.js';
import {
  connectClient,
  spawnExampleServer,
  type ExampleServer,
  type ExampleUrls,
} from '../helpers/example-server.js';
import { createTempFolder, type TempFolder } from '../helpers/temp-folder.js';

describe('the example service desk (npm start)', () => {
  let folder: TempFolder;
  let server: ExampleServer;
  let started: ExampleUrls;
  let user: Client;
  let agent: Client;

  beforeAll(async () => {
    folder = createTempFolder('demo');
    server = spawnExampleServer({ databaseUrl: folder.file('demo.db') });
    started = await server.ready;
    user = await connectClient(started.collections.get('User Functions')!, 'demo-user-token');
    agent = await connectClient(started.collections.get('Agent Functions')!, 'demo-agent-token');
  });

  afterAll(async () => {
    await user?.close();
    await agent?.close();
    await server?.kill();
    folder.remove();
  });

  it('prints the real port and every collection’s URL', () => {
    expect(started.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.baseUrl).not.toMatch(/:0$/);
    expect(Object.fromEntries(started.collections)).toEqual({
      'User Functions': `${started.baseUrl}/mcp/user`,
      'Agent Functions': `${started.baseUrl}/mcp/agent`,
    });
    expect(server.output[0]).toMatch(/\(sqlite, state in-process, ready in \d+ ms\)/);
    expect(existsSync(folder.file('demo.db'))).toBe(true);
  });

  it('serves exactly the User Functions and Agent Functions tools, and the desk’s own tools to agents', async () => {
    const userTools = (await user.listTools()).tools.map((t) => t.name).sort();
    expect(userTools).toEqual([...userFunctionTools].sort());
    const agentTools = (await agent.listTools()).tools.map((t) => t.name).sort();
    expect(agentTools).toEqual([...agentFunctionTools, ...customAgentTools].sort());
    expect(agentFunctionTools).toHaveLength(16);
    for (const name of userTools) expect(agentTools).toContain(name);
  });

  it('opens on the populated demo desk, with row scope for the end user', async () => {
    const mine = await user.callTool({ name: 'get_my_tickets', arguments: {} });
    expect(mine.isError).not.toBe(true);
    const queue = await agent.callTool({
      name: 'search_tickets',
      arguments: { text: 'vpn', limit: 5 },
    });
    expect(queue.isError).not.toBe(true);
    const hits = (queue.structuredContent as { tickets: unknown[] }).tickets;
    expect(hits.length).toBeGreaterThan(0);
    const me = await user.callTool({ name: 'get_user_info', arguments: {} });
    expect(me.structuredContent).toMatchObject({
      user: { email: 'alice@example.com', organisation: { name: 'Acorn Construction' } },
    });
    const other = await user.callTool({
      name: 'get_user_info',
      arguments: { email: 'sam@helpdesk.example' },
    });
    expect(other.isError).toBe(true);
  });

  it('does not let an end user use the agents’ tools or their collection', async () => {
    await expect(
      user.callTool({ name: 'search_tickets', arguments: { text: 'vpn' } }),
    ).rejects.toMatchObject({ code: -32602 });
    const refused = await fetch(started.collections.get('Agent Functions')!, {
      method: 'POST',
      headers: {
        authorization: 'Bearer demo-user-token',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(refused.status).toBeGreaterThanOrEqual(401);
    expect(refused.status).toBeLessThanOrEqual(403);
  });

  it('names the built-in authorization server in each collection’s resource metadata', async () => {
    for (const [title, collection] of [
      ['User Functions', 'user'],
      ['Agent Functions', 'agent'],
    ] as const) {
      const response = await fetch(
        `${started.baseUrl}/.well-known/oauth-protected-resource/mcp/${collection}`,
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        resource: started.collections.get(title),
        authorization_servers: [`${started.baseUrl}/oauth`],
        resource_name: title,
      });
    }
    // An assistant without a token learns where to look from the challenge.
    const challenge = await fetch(started.collections.get('User Functions')!, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toContain(
      `resource_metadata="${started.baseUrl}/.well-known/oauth-protected-resource/mcp/user"`,
    );
  });

  it('serves authorization-server metadata and OpenID discovery for its issuer', async () => {
    const issuer = `${started.baseUrl}/oauth`;
    for (const path of [
      '/.well-known/oauth-authorization-server/oauth',
      '/.well-known/openid-configuration/oauth',
      '/oauth/.well-known/openid-configuration',
    ]) {
      const response = await fetch(`${started.baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      const metadata = (await response.json()) as Record<string, unknown>;
      expect(metadata).toMatchObject({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        registration_endpoint: `${issuer}/reg`,
      });
      expect(metadata['code_challenge_methods_supported']).toEqual(['S256']);
      // OAuth 2.1: the code flow only, no implicit or hybrid responses.
      expect(metadata['response_types_supported']).toEqual(['code']);
    }
  });

  it('signs the demo accounts in through the login page; their tokens reach their collection', async () => {
    const issuer = `${started.baseUrl}/oauth`;
    const clientId = await registerPublicClient(issuer);
    const userUrl = started.collections.get('User Functions')!;
    const agentUrl = started.collections.get('Agent Functions')!;
    const alice = await signInAsPublicClient({
      issuer,
      clientId,
      resource: userUrl,
      email: 'alice@example.com',
      password: 'demo-password-alice',
    });
    const sam = await signInAsPublicClient({
      issuer,
      clientId,
      resource: agentUrl,
      email: 'sam@helpdesk.example',
      password: 'demo-password-sam',
    });
    expect(alice.refresh_token).toBeTruthy();
    const asAlice = await connectClient(userUrl, alice.access_token);
    const asSam = await connectClient(agentUrl, sam.access_token);
    try {
      const me = await asAlice.callTool({ name: 'get_user_info', arguments: {} });
      expect(me.structuredContent).toMatchObject({ user: { email: 'alice@example.com' } });
      const queue = await asSam.callTool({ name: 'get_assigned_tickets', arguments: {} });
      expect(queue.isError).not.toBe(true);
    } finally {
      await asAlice.close();
      await asSam.close();
    }
    // A token for User Functions is not one for Agent Functions.
    await expect(connectClient(agentUrl, alice.access_token)).rejects.toThrow();
  });

  it('answers the health probes', async () => {
    expect((await fetch(`${started.baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${started.baseUrl}/readyz`)).status).toBe(200);
  });

  it('exits 0 on SIGTERM after saying it is shutting down', async () => {
    await user.close();
    await agent.close();
    // stop() waits for stdout to close, so the last line is read too.
    expect(await server.stop()).toBe(0);
    expect(server.output.join('\n')).toContain('shutting down');
  });
});
