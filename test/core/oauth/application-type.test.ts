import { describe, expect, it } from 'vitest';
import { testEngines } from '../../helpers/test-databases.js';
import { CookieFetch } from './support/cookie-fetch.js';
import { alice, useOAuthServer } from './support/oauth-test-server.js';
import { authorizationRequest, exchangeCode, type PublicClient } from './support/public-client.js';
import { signIn } from './support/sign-in.js';

const loopback = 'http://127.0.0.1:4000/callback';
/** The same loopback callback on the port the app got this time (RFC 8252 §7.3). */
const loopbackNow = 'http://127.0.0.1:5123/callback';

interface RegistrationAnswer {
  readonly status: number;
  readonly body: {
    client_id?: string;
    application_type?: string;
    error?: string;
    error_description?: string;
  };
}

/**
 * MCP 2026-07-28 (SEP-837): clients send `application_type` on dynamic registration; the server
 * applies OpenID Connect's redirect-URI rules for it, defaults it to "web" when it is missing
 * (older clients), and refuses only what MCP or OIDC refuse, saying why.
 */
describe.each(testEngines)('application_type at registration on $engine', (engine) => {
  const server = useOAuthServer(engine);

  const register = async (metadata: Record<string, unknown>): Promise<RegistrationAnswer> => {
    const response = await fetch(`${server().url}/oauth/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 'Application type test',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
        ...metadata,
      }),
    });
    return { status: response.status, body: (await response.json()) as RegistrationAnswer['body'] };
  };

  /** Registers, signs alice in through `redirectUri` and redeems the code. */
  const connect = async (
    metadata: Record<string, unknown>,
    redirectUri: string,
    jar = new CookieFetch(),
  ) => {
    const answer = await register(metadata);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const client: PublicClient = {
      clientId: answer.body.client_id!,
      clientName: 'Application type test',
      redirectUri,
    };
    const request = authorizationRequest(server(), client, {
      collection: 'user',
      scope: 'kb:read',
    });
    const signedIn = await signIn(request.url, { ...alice, redirectUri, jar });
    expect(signedIn.redirect.searchParams.get('iss')).toBe(`${server().url}/oauth`);
    const code = signedIn.redirect.searchParams.get('code');
    expect(code, signedIn.redirect.href).toBeTruthy();
    const tokens = await exchangeCode(server(), client, { request, code: code! });
    return { answer, client, signedIn, tokens };
  };

  it('(a) native with a loopback redirect URI: registered, any port, consent asked every time', async () => {
    const jar = new CookieFetch();
    const first = await connect(
      { application_type: 'native', redirect_uris: [loopback] },
      loopbackNow,
      jar,
    );
    expect(first.answer.body.application_type).toBe('native');
    expect(first.tokens.access_token).toBeTruthy();

    // Same browser, already signed in: oidc-provider asks a native client's user again (its
    // "native_client_prompt": any local program could claim a loopback port).
    const again = authorizationRequest(server(), first.client, {
      collection: 'user',
      scope: 'kb:read',
    });
    const second = await signIn(again.url, { ...alice, redirectUri: loopbackNow, jar });
    expect(second.loginPage).toBe('');
    expect(second.consentPage).toContain('name="decision"');
    expect(second.redirect.searchParams.get('code')).toBeTruthy();
  });

  it('(a) native with localhost and [::1] loopback URIs and a claimed https URI is registered', async () => {
    const answer = await register({
      application_type: 'native',
      redirect_uris: ['http://localhost:4000/cb', 'http://[::1]:4000/cb', 'https://app.example/cb'],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.application_type).toBe('native');
  });

  it('(b) web with a loopback redirect URI: registered, and the port may still change', async () => {
    const web = await connect({ application_type: 'web', redirect_uris: [loopback] }, loopbackNow);
    expect(web.answer.body.application_type).toBe('web');
    expect(web.tokens.access_token).toBeTruthy();
  });

  it('(c) no application_type (Claude, mcp-remote, the Inspector): "web" is applied and sign-in works as before', async () => {
    const jar = new CookieFetch();
    const old = await connect({ redirect_uris: [loopback] }, loopbackNow, jar);
    expect(old.answer.body.application_type).toBe('web');
    expect(old.tokens.access_token).toBeTruthy();
    // A web client with a grant is not asked again in the same browser.
    const again = authorizationRequest(server(), old.client, {
      collection: 'user',
      scope: 'kb:read',
    });
    const second = await signIn(again.url, { ...alice, redirectUri: loopbackNow, jar });
    expect(second.consentPage).toBeUndefined();
    expect(second.redirect.searchParams.get('code')).toBeTruthy();

    const hosted = await register({ redirect_uris: ['https://claude.ai/api/mcp/auth_callback'] });
    expect(hosted.status).toBe(201);
    expect(hosted.body.application_type).toBe('web');
  });

  it.each([
    [
      'native, private-use scheme',
      { application_type: 'native', redirect_uris: ['com.example.app:/callback'] },
      'invalid_redirect_uri',
      /com\.example\.app:\/callback must use https, or http on a loopback address \(MCP authorization/,
    ],
    [
      'native, https on loopback',
      { application_type: 'native', redirect_uris: ['https://localhost:4000/callback'] },
      'invalid_redirect_uri',
      /https:\/\/localhost:4000\/callback: a native client's https redirect URI must not be on a loopback host/,
    ],
    [
      'native, http off this machine',
      { application_type: 'native', redirect_uris: ['http://app.example/callback'] },
      'invalid_redirect_uri',
      /http:\/\/app\.example\/callback must use https, or http on a loopback address/,
    ],
    [
      'web, private-use scheme',
      { application_type: 'web', redirect_uris: ['com.example.app:/callback'] },
      'invalid_redirect_uri',
      /com\.example\.app:\/callback must use https, or http on a loopback address/,
    ],
    [
      'web, http off this machine',
      { application_type: 'web', redirect_uris: ['http://app.example/callback'] },
      'invalid_redirect_uri',
      /http:\/\/app\.example\/callback must use https, or http on a loopback address/,
    ],
    [
      'no type, private-use scheme',
      { redirect_uris: ['cursor://anysphere.cursor-retrieval/oauth/callback'] },
      'invalid_redirect_uri',
      /cursor:\/\/anysphere\.cursor-retrieval\/oauth\/callback must use https, or http on a loopback/,
    ],
    [
      'an unknown type',
      { application_type: 'desktop', redirect_uris: [loopback] },
      'invalid_client_metadata',
      /application_type must be 'native' or 'web'/,
    ],
  ])('refuses %s, saying why', async (...[, metadata, error, description]) => {
    const answer = await register(metadata);
    expect(answer.status).toBe(400);
    expect(answer.body.error, answer.body.error_description).toBe(error);
    expect(answer.body.error_description).toMatch(description);
  });
});
