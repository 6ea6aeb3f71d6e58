import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { actionOf, CookieFetch, csrfOf } from './support/cookie-fetch.js';
import {
  authorizationCode,
  exchange,
  manualRedirectUri,
  mcpPost,
} from './support/manual-client.js';
import { alice, manualClient, sam, startOAuthServer } from './support/oauth-test-server.js';
import { pkcePair } from './support/pkce.js';

describe.each(testEngines)('the authorization server refuses on $engine', ({ createDatabase }) => {
  let database: FreshDatabase;
  let t: TestServer;

  beforeAll(async () => {
    database = await createDatabase();
    t = await startOAuthServer(database.url, { loginAttempts: 3 });
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  const authorizeUrl = (extra: Record<string, string>) => {
    const url = new URL(`${t.url}/oauth/auth`);
    const params = {
      client_id: manualClient.clientId,
      response_type: 'code',
      redirect_uri: manualRedirectUri,
      scope: 'kb:read',
      resource: t.urlOf('user'),
      ...extra,
    };
    for (const [k, v] of Object.entries(params)) if (v !== '') url.searchParams.set(k, v);
    return url;
  };

  it('an authorization request without PKCE', async () => {
    const response = await fetch(authorizeUrl({}), { redirect: 'manual' });
    const location = new URL(response.headers.get('location') as string);
    expect(location.href.startsWith(manualRedirectUri)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('a plain PKCE challenge', async () => {
    const response = await fetch(
      authorizeUrl({ code_challenge: pkcePair().verifier, code_challenge_method: 'plain' }),
      { redirect: 'manual' },
    );
    const location = new URL(response.headers.get('location') as string);
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('a redirect URI that is not registered, without redirecting to it', async () => {
    const response = await fetch(
      authorizeUrl({
        redirect_uri: 'https://evil.example/callback',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('invalid_redirect_uri');
  });

  it('a resource that is not a collection of this server', async () => {
    const response = await fetch(
      authorizeUrl({
        resource: 'https://elsewhere.example/mcp/user',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      }),
      { redirect: 'manual' },
    );
    const location = new URL(response.headers.get('location') as string);
    expect(location.searchParams.get('error')).toBe('invalid_target');
  });

  it('a wrong PKCE verifier', async () => {
    const grant = await authorizationCode(t, alice);
    const response = await exchange(t, { ...grant, verifier: pkcePair().verifier });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('a code used twice, and the token from its first use is then revoked', async () => {
    const grant = await authorizationCode(t, alice);
    const first = await exchange(t, grant);
    expect(first.status).toBe(200);
    const { access_token } = (await first.json()) as { access_token: string };
    expect((await mcpPost(t.urlOf('user'), access_token)).status).toBe(200);
    const second = await exchange(t, grant);
    expect(second.status).toBe(400);
    expect(((await second.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await mcpPost(t.urlOf('user'), access_token)).status).toBe(401);
  });

  it('a code exchanged with another redirect URI', async () => {
    const grant = await authorizationCode(t, alice);
    const response = await exchange(t, { ...grant, redirectUri: 'https://copilot.example/other' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_grant');
  });

  describe('with a token of User Functions', () => {
    let token: string;
    beforeAll(async () => {
      const grant = await authorizationCode(t, { ...alice, untick: ['tickets:write:own'] });
      token = ((await (await exchange(t, grant)).json()) as { access_token: string }).access_token;
    });

    it('at another collection', async () => {
      const response = await mcpPost(t.urlOf('agent'), token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/invalid_token/);
    });

    it('tampered with', async () => {
      const last = token.at(-1) === 'A' ? 'B' : 'A';
      const response = await mcpPost(t.urlOf('user'), token.slice(0, -1) + last);
      expect(response.status).toBe(401);
    });

    it('for a tool outside the consented scopes (a write the user unticked)', async () => {
      const client = await t.connect('user', token);
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain('get_my_tickets');
      expect(names).not.toContain('create_ticket');
      await expect(
        client.callTool({ name: 'create_ticket', arguments: { title: 'x', description: 'y' } }),
      ).rejects.toThrow(/not found|unknown tool|insufficient/i);
    });

    it('once expired', async () => {
      const grant = await authorizationCode(t, alice);
      const { access_token } = (await (await exchange(t, grant)).json()) as {
        access_token: string;
      };
      expect((await mcpPost(t.urlOf('user'), access_token)).status).toBe(200);
      await t.server.db
        .withTables<{ sdm_oauth: { kind: string; expires_at: number } }>()
        .updateTable('sdm_oauth')
        .set({ expires_at: Date.now() - 1000 })
        .where('kind', '=', 'AccessToken')
        .execute();
      expect((await mcpPost(t.urlOf('user'), access_token)).status).toBe(401);
    });

    it('once revoked', async () => {
      const grant = await authorizationCode(t, alice);
      const { access_token } = (await (await exchange(t, grant)).json()) as {
        access_token: string;
      };
      expect((await mcpPost(t.urlOf('user'), access_token)).status).toBe(200);
      const revoked = await fetch(`${t.url}/oauth/token/revocation`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${manualClient.clientId}:${manualClient.clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ token: access_token }),
      });
      expect(revoked.status).toBe(200);
      expect((await mcpPost(t.urlOf('user'), access_token)).status).toBe(401);
    });
  });

  it('a static client bound to User Functions asking for Agent Functions', async () => {
    const url = authorizeUrl({
      resource: t.urlOf('agent'),
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') as string);
    expect(location.searchParams.get('error')).toBe('invalid_target');
  });

  describe('on the sign-in page', () => {
    const redirectUri = 'http://127.0.0.1:7777/callback';
    let clientId: string;
    beforeAll(async () => {
      const registered = await fetch(`${t.url}/oauth/reg`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_name: 'Test assistant',
          redirect_uris: [redirectUri],
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
        }),
      });
      expect(registered.status).toBe(201);
      clientId = ((await registered.json()) as { client_id: string }).client_id;
    });
    const loginPage = async (collection = 'agent') => {
      const jar = new CookieFetch();
      const url = new URL(`${t.url}/oauth/auth`);
      for (const [k, v] of Object.entries({
        client_id: clientId,
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: 'kb:read',
        resource: t.urlOf(collection),
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      }))
        url.searchParams.set(k, v);
      const { response, url: at } = await jar.follow(url, () => false);
      expect(response.status).toBe(200);
      return { jar, page: await response.text(), at };
    };
    const submit = async (
      form: { jar: CookieFetch; page: string; at: URL },
      fields: Record<string, string>,
    ) => {
      const response = await form.jar.fetch(actionOf(form.page, form.at.href), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: csrfOf(form.page), ...fields }),
      });
      return { status: response.status, page: await response.text() };
    };

    it('shows the collection and the client, with a CSRF field, on a phone-sized page', async () => {
      const { page } = await loginPage();
      expect(page).toContain('Agent Functions');
      expect(page).toContain('Test assistant');
      expect(page).toContain('name="viewport"');
      expect(csrfOf(page).length).toBeGreaterThan(20);
    });

    it('a wrong password and an unknown e-mail get the same answer', async () => {
      const wrong = await submit(await loginPage(), { email: sam.email, password: 'nope' });
      const unknown = await submit(await loginPage(), {
        email: 'nobody@helpdesk.example',
        password: 'nope',
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const message = (page: string) => /role="alert">([^<]+)</.exec(page)?.[1];
      expect(message(wrong.page)).toBe('The e-mail or password is wrong.');
      expect(message(unknown.page)).toBe(message(wrong.page));
    });

    it('a form without the CSRF token', async () => {
      const form = await loginPage();
      const response = await form.jar.fetch(actionOf(form.page, form.at.href), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: sam.email, password: sam.password }),
      });
      expect(response.status).toBe(403);
    });

    it("an end user signing in to the agents' collection", async () => {
      const result = await submit(await loginPage(), alice);
      expect(result.status).toBe(403);
      expect(result.page).toContain(
        'Agent Functions is for the service desk&#39;s agents, administrators and service accounts. You signed in as alice@example.com, an end user:',
      );
    });

    it("an agent signing in to the end users' collection", async () => {
      const result = await submit(await loginPage('user'), sam);
      expect(result.status).toBe(403);
      expect(result.page).toContain(
        'User Functions is for the service desk&#39;s end users. You signed in as sam@helpdesk.example, an agent:',
      );
    });

    it('too many failed sign-ins from one address for one e-mail', async () => {
      const email = 'harry@helpdesk.example';
      for (let i = 0; i < 3; i++)
        expect((await submit(await loginPage(), { email, password: 'x' })).status).toBe(401);
      const blocked = await submit(await loginPage(), { email, password: 'x' });
      expect(blocked.status).toBe(429);
      // Another e-mail from the same address is not blocked.
      expect((await submit(await loginPage(), { email: sam.email, password: 'x' })).status).toBe(
        401,
      );
    });

    it('escapes what it shows', async () => {
      const result = await submit(await loginPage(), {
        email: '"><script>alert(1)</script>',
        password: 'x',
      });
      expect(result.page).not.toContain('<script>alert(1)');
      expect(result.page).toContain('&quot;&gt;&lt;script&gt;');
    });
  });
});
