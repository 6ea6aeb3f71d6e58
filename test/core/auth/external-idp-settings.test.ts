import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anyOfVerifiers,
  defineCollection,
  jwtVerifier,
  ServiceDeskError,
  startTestServer,
  type ExternalIdentityProvider,
  type TestServer,
} from '../../../core/index.js';
import { fixturePlugin, FixtureProbe } from '../mcp/support/fixture-plugin.js';
import { fixtureTokens, tokens } from '../mcp/support/fixture-server.js';
import { messagesOf, postRpc } from '../mcp/support/raw-http.js';
import { bearerParams } from './support/bearer-challenge.js';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from './support/test-identity-provider.js';

/** A loopback URL on which nothing listens. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function configError(settings: ExternalIdentityProvider): string {
  try {
    jwtVerifier(settings);
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceDeskError);
    expect((error as ServiceDeskError).code).toBe('CONFIG_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('auth.external settings are checked at startup', () => {
  it('refuses a plain-HTTP issuer off loopback, HMAC or none algorithms, and unknown roles', () => {
    expect(configError({ issuer: 'http://idp.example.com' })).toMatch(/issuer .* must use https/);
    expect(configError({ issuer: 'not a url' })).toMatch(/is not a URL/);
    expect(configError({ issuer: 'https://idp.example.com', algorithms: ['HS256'] })).toMatch(
      /only asymmetric signatures/,
    );
    expect(configError({ issuer: 'https://idp.example.com', algorithms: ['none'] })).toMatch(
      /algorithms lists "none"/,
    );
    expect(
      configError({
        issuer: 'https://idp.example.com',
        roleClaim: 'roles',
        roleMap: { boss: 'superuser' as 'admin' },
      }),
    ).toMatch(/roleMap\["boss"\] is "superuser"/);
    expect(configError({ issuer: 'https://idp.example.com', roleMap: { boss: 'admin' } })).toMatch(
      /roleMap is set without roleClaim/,
    );
    expect(configError({ issuer: 'https://idp.example.com', clockToleranceSec: -1 })).toMatch(
      /clockToleranceSec/,
    );
  });

  it('refuses to start with an authorization server that is not a URL', async () => {
    const t = startTestServer({
      plugins: [fixturePlugin(new FixtureProbe())],
      collections: [
        defineCollection({ id: 'desk', title: 'Desk', plugins: ['fixture'], grant: ['kb:read'] }),
      ],
      config: { auth: { devTokens: fixtureTokens, authorizationServers: ['idp'] } },
    });
    await expect(t).rejects.toThrow(/CONFIG_INVALID: auth.authorizationServers lists "idp"/);
  });
});

describe('the identity provider being unreachable', () => {
  let idp: TestIdentityProvider;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
  });
  afterAll(() => idp.close());

  it('answers 503 AUTH_PROVIDER_UNAVAILABLE, not 401, and recovers when the provider is back', async () => {
    const t = await startTestServer({
      plugins: [fixturePlugin(new FixtureProbe())],
      collections: [
        defineCollection({ id: 'desk', title: 'Desk', plugins: ['fixture'], grant: ['kb:read'] }),
      ],
      config: { auth: { external: { issuer: idp.issuer, jwksUrl: idp.jwksUrl } } },
    });
    try {
      const token = await idp.sign({
        email: 'alice@example.com',
        aud: t.urlOf('desk'),
        scope: 'kb:read',
      });
      const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
      idp.failJwks(true);
      const down = await postRpc(t.urlOf('desk'), list, { token });
      expect(down.status).toBe(503);
      expect(down.headers.get('www-authenticate')).toBeNull();
      const [message] = await messagesOf(down);
      expect(message?.error?.message).toMatch(/AUTH_PROVIDER_UNAVAILABLE/);
      idp.failJwks(false);
      expect((await postRpc(t.urlOf('desk'), list, { token })).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('says so when discovery fails too (nothing listening at the issuer)', async () => {
    const issuer = await deadUrl();
    const verifier = jwtVerifier({ issuer });
    const token = await idp.sign({ iss: issuer, email: 'alice@example.com', aud: 'x' });
    await expect(verifier.verify(token)).rejects.toThrow(/AUTH_PROVIDER_UNAVAILABLE/);
  });
});

describe('an external provider next to development tokens, with one shared audience', () => {
  let idp: TestIdentityProvider;
  let t: TestServer;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    t = await startTestServer({
      plugins: [fixturePlugin(new FixtureProbe())],
      collections: [
        defineCollection({ id: 'desk', title: 'Desk', plugins: ['fixture'], grant: ['kb:read'] }),
        defineCollection({
          id: 'agent',
          title: 'Agent',
          plugins: ['fixture'],
          grant: ['kb:read', 'tickets:read:all'],
          roles: ['agent'],
        }),
      ],
      config: {
        auth: {
          devTokens: fixtureTokens,
          external: {
            issuer: idp.issuer,
            audience: 'api://servicedesk',
            roleClaim: 'roles',
            defaultRole: 'agent',
          },
        },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  const call = {
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'search_kb', arguments: { q: 'x' } },
  };

  it('accepts both kinds of token', async () => {
    expect((await postRpc(t.urlOf('desk'), call, { token: tokens.sam })).status).toBe(200);
    const jwt = await idp.sign({
      email: 'kim@example.com',
      aud: 'api://servicedesk',
      scope: 'kb:read',
    });
    expect((await postRpc(t.urlOf('desk'), call, { token: jwt })).status).toBe(200);
  });

  it('accepts a shared-audience token on every collection, and nothing else', async () => {
    const shared = await idp.sign({
      email: 'kim@example.com',
      aud: 'api://servicedesk',
      scope: 'kb:read',
    });
    expect((await postRpc(t.urlOf('agent'), call, { token: shared })).status).toBe(200);
    const perCollection = await idp.sign({
      email: 'kim@example.com',
      aud: t.urlOf('desk'),
      scope: 'kb:read',
    });
    const response = await postRpc(t.urlOf('desk'), call, { token: perCollection });
    expect(response.status).toBe(401);
    expect(bearerParams(response.headers.get('www-authenticate'))['error_description']).toMatch(
      /another audience/,
    );
  });

  it('reports why a JWT was refused rather than "unknown token"', async () => {
    const expired = await idp.sign({ email: 'kim@example.com', aud: 'api://servicedesk', exp: 1 });
    const response = await postRpc(t.urlOf('desk'), call, { token: expired });
    expect(response.status).toBe(401);
    expect(bearerParams(response.headers.get('www-authenticate'))['error_description']).toMatch(
      /expired/,
    );
  });
});

describe('anyOfVerifiers', () => {
  it('returns the first verifier that knows the token and raises the first refusal otherwise', async () => {
    const combined = anyOfVerifiers([
      { kind: 'a', verify: () => Promise.resolve(undefined) },
      {
        kind: 'b',
        verify: () => Promise.reject(new ServiceDeskError('AUTH_TOKEN_INVALID', 'b says no')),
      },
      {
        kind: 'c',
        loopbackOnly: true,
        verify: (token) =>
          Promise.resolve(
            token === 'ok'
              ? { userId: 'u', role: 'agent' as const, clientId: 'c', scopes: [], audience: [] }
              : undefined,
          ),
      },
    ]);
    expect(combined.kind).toBe('a+b+c');
    expect(combined.loopbackOnly).toBe(true);
    expect(await combined.verify('ok')).toMatchObject({ userId: 'u' });
    await expect(combined.verify('nope')).rejects.toThrow(/b says no/);
  });
});

describe('development tokens stay loopback-only next to an external provider', () => {
  const collections = [
    defineCollection({ id: 'desk', title: 'Desk', plugins: ['fixture'], grant: ['kb:read'] }),
  ];
  const external = { issuer: 'https://login.example.com/realms/desk' };

  it('refuses to start on a public address with development tokens configured too', async () => {
    await expect(
      startTestServer({
        plugins: [fixturePlugin(new FixtureProbe())],
        collections,
        config: {
          http: { host: '0.0.0.0', port: 0 },
          auth: { devTokens: fixtureTokens, external },
        },
      }),
    ).rejects.toThrow(/AUTH_DEV_TOKENS_PUBLIC/);
  });

  it('starts on a public address with the external provider alone', async () => {
    const t = await startTestServer({
      plugins: [fixturePlugin(new FixtureProbe())],
      collections,
      config: { http: { host: '0.0.0.0', port: 0 }, auth: { external } },
    });
    try {
      const metadata = await fetch(`${t.url}/.well-known/oauth-protected-resource/mcp/desk`).then(
        (r) => r.json() as Promise<Record<string, unknown>>,
      );
      expect(metadata['authorization_servers']).toEqual([external.issuer]);
      const response = await postRpc(
        t.urlOf('desk'),
        { jsonrpc: '2.0', id: 1, method: 'tools/list' },
        {
          token: tokens.sam,
        },
      );
      expect(response.status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
