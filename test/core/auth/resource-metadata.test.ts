import {
  discoverOAuthProtectedResourceMetadata,
  extractWWWAuthenticateParams,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCollection, startTestServer } from '../../../core/index.js';
import { FixtureProbe, fixturePlugin } from '../mcp/support/fixture-plugin.js';
import {
  fixtureCollections,
  fixtureTokens,
  startFixtureServer,
  tokens,
  type FixtureServer,
} from '../mcp/support/fixture-server.js';
import { messagesOf, postRpc } from '../mcp/support/raw-http.js';
import { bearerParams, metadataUrlOf } from './support/bearer-challenge.js';

const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
const issuers = ['https://login.example.com/realms/desk', 'https://backup.example.com'];

describe('protected-resource metadata and the 401 challenge (RFC 9728, MCP authorization)', () => {
  let f: FixtureServer;

  beforeAll(async () => {
    // Development tokens and authorization servers side by side: startTestServer's `tokens`
    // would replace the whole auth setting, so they are passed in the config instead.
    const probe = new FixtureProbe();
    const t = await startTestServer({
      plugins: [fixturePlugin(probe)],
      collections: fixtureCollections,
      config: { auth: { devTokens: fixtureTokens, authorizationServers: issuers } },
    });
    f = { t, probe };
  });
  afterAll(() => f.t.close());

  it('publishes one document per collection at the path-inserted well-known URL', async () => {
    for (const [id, title, grant] of [
      [
        'agent',
        'Agent Functions',
        ['tickets:read:all', 'tickets:write:all', 'kb:read', 'secrets:read:all'],
      ],
      ['desk', 'Desk', ['tickets:read:all', 'tickets:write:all', 'kb:read']],
    ] as const) {
      const url = metadataUrlOf(f.t.urlOf(id));
      expect(url).toBe(`${f.t.url}/.well-known/oauth-protected-resource/mcp/${id}`);
      const response = await fetch(url);
      expect(response.status, id).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.json()).toEqual({
        resource: f.t.urlOf(id),
        authorization_servers: issuers,
        scopes_supported: grant,
        bearer_methods_supported: ['header'],
        resource_name: title,
      });
    }
  });

  it('is what the MCP SDK client discovers, from the URL alone and from the challenge', async () => {
    const url = f.t.urlOf('agent');
    const discovered = await discoverOAuthProtectedResourceMetadata(url);
    expect(discovered).toMatchObject({ resource: url, authorization_servers: issuers });
    const challenged = extractWWWAuthenticateParams(await postRpc(url, list, { token: 'forged' }));
    expect(challenged.resourceMetadataUrl?.href).toBe(metadataUrlOf(url));
    expect(challenged.scope).toBe('tickets:read:all tickets:write:all kb:read secrets:read:all');
    expect(challenged.error).toBe('invalid_token');
  });

  it('answers an unknown collection path, and the bare well-known path, with 404', async () => {
    for (const path of ['/mcp/nope', '/mcp', '', '/mcp/desk/extra']) {
      const response = await fetch(`${f.t.url}/.well-known/oauth-protected-resource${path}`);
      expect(response.status, path).toBe(404);
    }
  });

  it('lets a browser client of any origin read it (CORS preflight and GET)', async () => {
    const url = metadataUrlOf(f.t.urlOf('desk'));
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://inspector.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'mcp-protocol-version',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/mcp-protocol-version/);
    const get = await fetch(url, { headers: { origin: 'https://inspector.example' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    // The MCP endpoint itself still refuses that origin.
    const post = await postRpc(f.t.urlOf('desk'), list, {
      token: tokens.sam,
      headers: { origin: 'https://inspector.example' },
    });
    expect(post.status).toBe(403);
  });

  it('refuses to write metadata', async () => {
    const response = await fetch(metadataUrlOf(f.t.urlOf('desk')), { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, OPTIONS');
  });

  it('points a request without a token at the metadata and the grant, without an error code', async () => {
    const response = await postRpc(f.t.urlOf('desk'), list);
    expect(response.status).toBe(401);
    const params = bearerParams(response.headers.get('www-authenticate'));
    expect(params).toEqual({
      realm: 'servicedesk-mcp',
      resource_metadata: metadataUrlOf(f.t.urlOf('desk')),
      scope: 'tickets:read:all tickets:write:all kb:read',
    });
  });

  it('adds error="invalid_token" when a bad token was sent', async () => {
    const response = await postRpc(f.t.urlOf('agent'), list, { token: 'forged' });
    expect(response.status).toBe(401);
    const params = bearerParams(response.headers.get('www-authenticate'));
    expect(params).toMatchObject({
      error: 'invalid_token',
      resource_metadata: metadataUrlOf(f.t.urlOf('agent')),
      scope: 'tickets:read:all tickets:write:all kb:read secrets:read:all',
    });
    expect(params['error_description']).toMatch(/AUTH_TOKEN_INVALID/);
    const [message] = await messagesOf(response);
    expect(message?.error).toMatchObject({ code: -32001 });
  });

  it('refuses a development token on a collection it was not issued for (audience), naming that collection', async () => {
    // Pat's token is for the agent collection only.
    const response = await postRpc(f.t.urlOf('desk'), list, { token: tokens.pat });
    expect(response.status).toBe(401);
    const params = bearerParams(response.headers.get('www-authenticate'));
    expect(params).toMatchObject({
      error: 'invalid_token',
      resource_metadata: metadataUrlOf(f.t.urlOf('desk')),
    });
    expect(params['error_description']).toMatch(/AUTH_WRONG_AUDIENCE/);
  });

  it('challenges GET and DELETE on a stateful collection the same way', async () => {
    const response = await fetch(f.t.urlOf('session'), {
      headers: { accept: 'text/event-stream' },
    });
    expect(response.status).toBe(401);
    expect(bearerParams(response.headers.get('www-authenticate'))['resource_metadata']).toBe(
      metadataUrlOf(f.t.urlOf('session')),
    );
  });
});

describe('metadata without authorization servers, and an unauthenticated collection', () => {
  let f: FixtureServer;

  beforeAll(async () => {
    f = await startFixtureServer({});
  });
  afterAll(() => f.t.close());

  it('leaves authorization_servers out when only development tokens are configured', async () => {
    const body = (await (await fetch(metadataUrlOf(f.t.urlOf('desk')))).json()) as object;
    expect(body).not.toHaveProperty('authorization_servers');
    expect(body).toMatchObject({ resource: f.t.urlOf('desk') });
  });
});

describe('an auth: none collection is not a protected resource', () => {
  it('has no metadata', async () => {
    const t = await startTestServer({
      plugins: [fixturePlugin(new FixtureProbe())],
      collections: [
        defineCollection({
          id: 'kiosk',
          title: 'Kiosk',
          plugins: ['fixture'],
          grant: ['kb:read'],
          auth: 'none',
        }),
      ],
    });
    try {
      expect((await fetch(metadataUrlOf(t.urlOf('kiosk')))).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
