import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { MemoryOAuthProvider } from './support/memory-oauth-provider.js';
import { sam, startOAuthServer } from './support/oauth-test-server.js';
import { signIn } from './support/sign-in.js';

describe.each(testEngines)('the SDK client with OAuth on $engine', ({ createDatabase }) => {
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

  it('discovers, registers, signs in with PKCE and calls a tool, from the collection URL alone', async () => {
    const provider = new MemoryOAuthProvider('http://127.0.0.1:33418/oauth/callback');
    const url = new URL(t.urlOf('agent'));
    const first = new StreamableHTTPClientTransport(url, { authProvider: provider });
    const client = new Client({ name: 'sdk-oauth-test', version: '1.0.0' });
    await expect(client.connect(first)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(provider.clientInformation()?.client_id).toBeTruthy();
    const authorizationUrl = provider.authorizationUrl as URL;
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('resource')).toBe(t.urlOf('agent'));
    const signedIn = await signIn(authorizationUrl, { ...sam, redirectUri: provider.redirectUrl });
    expect(signedIn.consentPage).toContain('SDK test client');
    expect(signedIn.consentPage).toContain('search_tickets');
    await first.finishAuth(signedIn.redirect.searchParams.get('code') as string);
    expect(provider.tokens()?.refresh_token).toBeTruthy();

    const connected = new Client({ name: 'sdk-oauth-test', version: '1.0.0' });
    await connected.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }));
    const tools = (await connected.listTools()).tools.map((tool) => tool.name);
    expect(tools).toContain('search_tickets');
    const result = await connected.callTool({ name: 'get_assigned_tickets', arguments: {} });
    expect(result.isError).toBeFalsy();
    await connected.close();
  });
});
