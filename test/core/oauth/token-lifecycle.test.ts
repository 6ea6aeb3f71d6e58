import { ClientCredentials } from 'simple-oauth2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { authorizationCode, exchange, mcpPost, tokenRequest } from './support/manual-client.js';
import { alice, serviceClient, startOAuthServer } from './support/oauth-test-server.js';

interface Tokens {
  access_token: string;
  refresh_token?: string;
  scope?: string;
  error?: string;
}

describe.each(testEngines)('tokens over their life on $engine', ({ createDatabase }) => {
  let database: FreshDatabase;
  let t: TestServer;

  beforeAll(async () => {
    database = await createDatabase();
    t = await startOAuthServer(database.url);
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('client credentials give a service account its configured scopes on its collection', async () => {
    const oauth = new ClientCredentials({
      client: { id: serviceClient.clientId, secret: serviceClient.clientSecret },
      auth: { tokenHost: t.url, tokenPath: '/oauth/token' },
    });
    const token = await oauth.getToken({
      scope: 'tickets:read:all kb:read tickets:write:all',
      resource: t.urlOf('agent'),
    });
    expect(String(token.token['scope']).split(' ').sort()).toEqual(['kb:read', 'tickets:read:all']);
    const client = await t.connect('agent', token.token['access_token'] as string);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('search_tickets');
    expect(names).not.toContain('add_note');
    const found = await client.callTool({
      name: 'search_tickets',
      arguments: { text: 'printer' },
    });
    expect(found.isError).toBeFalsy();
    expect((await mcpPost(t.urlOf('user'), token.token['access_token'] as string)).status).toBe(
      401,
    );
  });

  it('client credentials with a wrong secret are refused', async () => {
    const oauth = new ClientCredentials({
      client: { id: serviceClient.clientId, secret: 'not-the-secret' },
      auth: { tokenHost: t.url, tokenPath: '/oauth/token' },
    });
    await expect(
      oauth.getToken({ scope: 'kb:read', resource: t.urlOf('agent') }),
    ).rejects.toMatchObject({ output: { statusCode: 401 } });
  });

  it('a refresh token rotates: the new one works, the old one is refused', async () => {
    const grant = await authorizationCode(t, alice);
    const first = (await (await exchange(t, grant)).json()) as Tokens;
    expect(first.refresh_token).toBeTruthy();
    const refreshed = (await (
      await tokenRequest(t, {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token as string,
        resource: grant.resource,
      })
    ).json()) as Tokens;
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
    expect((await mcpPost(t.urlOf('user'), refreshed.access_token)).status).toBe(200);
    const reused = await tokenRequest(t, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token as string,
    });
    expect(reused.status).toBe(400);
    expect(((await reused.json()) as Tokens).error).toBe('invalid_grant');
  });

  it('tokens survive a restart of the server on the same database', async () => {
    const grant = await authorizationCode(t, alice);
    const tokens = (await (await exchange(t, grant)).json()) as Tokens;
    const port = Number(new URL(t.url).port);
    await t.close();
    t = await startOAuthServer(database.url, {}, port);
    // fetch may hold a pooled socket to the stopped server; the first use of it fails.
    const retried = await mcpPost(t.urlOf('user'), tokens.access_token).catch(() =>
      mcpPost(t.urlOf('user'), tokens.access_token),
    );
    expect(retried.status).toBe(200);
    const refreshed = await tokenRequest(t, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token as string,
    });
    expect(refreshed.status).toBe(200);
  });
});
