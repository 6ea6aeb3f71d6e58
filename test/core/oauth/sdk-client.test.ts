import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  UnauthorizedError,
  type OAuthClientProvider,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { sam, startOAuthServer } from './support/oauth-test-server.js';
import { signIn } from './support/sign-in.js';

/** An MCP client's OAuth state kept in memory; the "browser" is the test's form driver. */
class MemoryOAuthProvider implements OAuthClientProvider {
  readonly redirectUrl = 'http://127.0.0.1:33418/oauth/callback';
  authorizationUrl: URL | undefined;
  #client: OAuthClientInformationMixed | undefined;
  #tokens: OAuthTokens | undefined;
  #verifier = '';

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'SDK test client',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation() {
    return this.#client;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.#client = info;
  }
  tokens() {
    return this.#tokens;
  }
  saveTokens(tokens: OAuthTokens) {
    this.#tokens = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier;
  }
  codeVerifier() {
    return this.#verifier;
  }
}

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
    const provider = new MemoryOAuthProvider();
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
