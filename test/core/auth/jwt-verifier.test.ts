import { base64url, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type TestServer,
} from '../../../core/index.js';
import { callBody, messagesOf, postRpc } from '../mcp/support/raw-http.js';
import { bearerParams, metadataUrlOf } from './support/bearer-challenge.js';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from './support/test-identity-provider.js';

/** A plugin whose tools report the principal the core resolved, one of them needing kb:read. */
function callerPlugin() {
  const who = defineTool({
    name: 'who',
    title: 'Who is calling',
    description: 'Returns the principal.',
    input: z.object({}),
    output: z.object({
      userId: z.string(),
      email: z.string().nullable(),
      role: z.string(),
      clientId: z.string(),
      scopes: z.array(z.string()),
    }),
    scopes: ['desk:read:own'],
    handler: ({ principal }) => ({
      userId: principal.userId,
      email: principal.email ?? null,
      role: principal.role,
      clientId: principal.clientId,
      scopes: [...principal.scopes].sort(),
    }),
  });
  return definePlugin({
    id: 'caller',
    version: '1.0.0',
    scopes: {
      'desk:read:own': 'Read own',
      'desk:read:all': 'Read all',
      'kb:read': 'Read the knowledge base',
    },
    tools: [who],
  });
}

describe('an external identity provider (JWT access tokens checked against its JWKS)', () => {
  let idp: TestIdentityProvider;
  let t: TestServer;
  let user: string;
  let agent: string;
  const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    t = await startTestServer({
      plugins: [callerPlugin()],
      collections: [
        defineCollection({
          id: 'user',
          title: 'User Functions',
          plugins: ['caller'],
          grant: ['desk:read:own', 'kb:read'],
        }),
        defineCollection({
          id: 'agent',
          title: 'Agent Functions',
          plugins: ['caller'],
          grant: ['desk:read:all', 'kb:read'],
          roles: ['agent', 'admin'],
        }),
      ],
      config: {
        auth: {
          external: {
            issuer: idp.issuer,
            roleClaim: 'realm_access.roles',
            roleMap: { 'desk-agent': 'agent', 'desk-admin': 'admin' },
          },
        },
      },
    });
    user = t.urlOf('user');
    agent = t.urlOf('agent');
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  const aliceClaims = () => ({
    email: 'Alice@Example.com',
    aud: user,
    scope: 'desk:read:own kb:read',
    azp: 'claude',
  });

  async function who(url: string, token: string) {
    const response = await postRpc(url, callBody(1, 'who'), { token });
    expect(response.status).toBe(200);
    const [message] = await messagesOf(response);
    return message?.result?.['structuredContent'];
  }

  /** Expects a 401 whose challenge says invalid_token and whose message matches `reason`. */
  async function expectRefused(token: string, reason: RegExp, url = user) {
    const response = await postRpc(url, list, { token });
    expect(response.status).toBe(401);
    const params = bearerParams(response.headers.get('www-authenticate'));
    expect(params).toMatchObject({
      error: 'invalid_token',
      resource_metadata: metadataUrlOf(url),
      scope: url === user ? 'desk:read:own kb:read' : 'desk:read:all kb:read',
    });
    expect(params['error_description']).toMatch(reason);
  }

  it('accepts a good token and maps the caller to the desk user by e-mail', async () => {
    expect(await who(user, await idp.sign(aliceClaims()))).toEqual({
      userId: 'alice@example.com',
      email: 'alice@example.com',
      role: 'end_user',
      clientId: 'claude',
      scopes: ['desk:read:own', 'kb:read'],
    });
  });

  it('accepts ES256 too, and maps a provider role to the agent role', async () => {
    const token = await idp.sign(
      {
        email: 'sam@helpdesk.example',
        aud: agent,
        scp: ['desk:read:all', 'kb:read'],
        realm_access: { roles: ['offline_access', 'desk-agent'] },
      },
      { alg: 'ES256' },
    );
    expect(await who(agent, token)).toMatchObject({
      userId: 'sam@helpdesk.example',
      role: 'agent',
      clientId: 'external',
      scopes: ['desk:read:all', 'desk:read:own', 'kb:read'],
    });
  });

  it('names the provider as the authorization server in every collection’s metadata', async () => {
    for (const url of [user, agent]) {
      const body = (await (await fetch(metadataUrlOf(url))).json()) as Record<string, unknown>;
      expect(body).toMatchObject({ resource: url, authorization_servers: [idp.issuer] });
    }
  });

  it('refuses a token from another issuer', async () => {
    await expectRefused(
      await idp.sign({ ...aliceClaims(), iss: 'https://evil.example' }),
      /another issuer/,
    );
  });

  it('refuses a token for another audience, and a token for another collection', async () => {
    await expectRefused(
      await idp.sign({ ...aliceClaims(), aud: 'https://other.example/mcp/user' }),
      /AUTH_WRONG_AUDIENCE/,
    );
    const forUser = await idp.sign({ ...aliceClaims(), realm_access: { roles: ['desk-agent'] } });
    expect(await who(user, forUser)).toMatchObject({ role: 'agent' });
    // Issued for User Functions, so Agent Functions refuses it even for an agent.
    await expectRefused(forUser, /AUTH_WRONG_AUDIENCE: the bearer token was not issued for/, agent);
  });

  it('refuses an expired token and one not valid yet, beyond the clock tolerance', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await idp.sign({ ...aliceClaims(), exp: now - 60 }), /expired/);
    await expectRefused(await idp.sign({ ...aliceClaims(), nbf: now + 600 }), /not valid yet/);
    // Within the 30-second tolerance both still pass.
    expect(await who(user, await idp.sign({ ...aliceClaims(), exp: now - 5 }))).toBeDefined();
  });

  it('refuses alg "none" and an HS256 token keyed with the public key', async () => {
    const encode = (value: object) => base64url.encode(JSON.stringify(value));
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
      ...aliceClaims(),
      iss: idp.issuer,
      exp: Math.floor(Date.now() / 1000) + 600,
    })}.`;
    await expectRefused(unsigned, /AUTH_TOKEN_INVALID/);
    const hmac = await new SignJWT({ ...aliceClaims(), iss: idp.issuer })
      .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(JSON.stringify(idp.rsaPublicJwk)));
    await expectRefused(hmac, /refused algorithm/);
  });

  it('refuses a tampered token, one signed by a stranger under a known kid, and an unknown kid', async () => {
    const good = await idp.sign(aliceClaims());
    const [header, , signature] = good.split('.');
    const forged = base64url.encode(
      JSON.stringify({
        ...aliceClaims(),
        iss: idp.issuer,
        email: 'boss@example.com',
        exp: 9_999_999_999,
      }),
    );
    await expectRefused(`${header}.${forged}.${signature}`, /signature is wrong/);
    await expectRefused(await idp.sign(aliceClaims(), { foreignKey: true }), /signature is wrong/);
    await expectRefused(await idp.sign(aliceClaims(), { kid: 'rsa-9' }), /no key/);
  });

  it('refuses a token without an e-mail claim, or with an unverified one', async () => {
    const { email: _email, ...noEmail } = aliceClaims();
    await expectRefused(await idp.sign(noEmail), /no e-mail in its .email. claim/);
    await expectRefused(await idp.sign({ ...aliceClaims(), email: 'not-an-address' }), /no e-mail/);
    await expectRefused(
      await idp.sign({ ...aliceClaims(), email_verified: false }),
      /not verified/,
    );
  });

  it('refuses something that is not a JWT at all without asking the provider', async () => {
    const before = idp.jwksFetches;
    await expectRefused('just-a-string', /not a well-formed signed JWT/);
    expect(idp.jwksFetches).toBe(before);
  });

  it('keeps the collection’s role rule: an end user is refused on the agent collection', async () => {
    const response = await postRpc(agent, list, {
      token: await idp.sign({ ...aliceClaims(), aud: agent }),
    });
    expect(response.status).toBe(403);
  });

  it('asks for step-up when the provider issued fewer scopes than the collection grants', async () => {
    const response = await postRpc(user, callBody(2, 'who'), {
      token: await idp.sign({ ...aliceClaims(), scope: 'kb:read' }),
    });
    expect(response.status).toBe(403);
    expect(bearerParams(response.headers.get('www-authenticate'))).toMatchObject({
      error: 'insufficient_scope',
      scope: 'desk:read:own kb:read',
    });
  });
});
