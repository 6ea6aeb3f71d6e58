import { describe, expect, it } from 'vitest';
import { pruneByAge, retentionKinds } from '../../../core/retention/prune-by-age.js';
import { resolveRetention } from '../../../core/retention/retention-settings.js';
import type { OAuthTables } from '../../../core/oauth/oauth-schema.js';
import { testEngines } from '../../helpers/test-databases.js';
import { alice, useOAuthServer } from './support/oauth-test-server.js';
import { authorizationRequest } from './support/public-client.js';
import { signIn } from './support/sign-in.js';

const redirectUri = 'http://127.0.0.1:7777/callback';
const publicClient = {
  client_name: 'Test assistant',
  redirect_uris: [redirectUri],
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code', 'refresh_token'],
};

/**
 * Issue 15, item 4: registration was anonymous, unlimited (40 in 755 ms), permanent, took a
 * 50 KB client_name, and let a self-registered client use client_credentials.
 */
describe.each(testEngines)('self-registered clients on $engine', (engine) => {
  const server = useOAuthServer(engine, { registrationsPerHour: 6 });

  const register = (metadata: Record<string, unknown>) =>
    fetch(`${server().url}/oauth/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(metadata),
    });
  const clientRow = (clientId: string) =>
    server()
      .server.db.withTables<OAuthTables>()
      .selectFrom('sdm_oauth')
      .select(['expires_at'])
      .where('kind', '=', 'Client')
      .where('id', '=', clientId)
      .executeTakeFirst();

  it.each([
    [
      { ...publicClient, client_name: 'x'.repeat(50_000) },
      /client_name must be at most 200/,
      'invalid_client_metadata',
    ],
    [
      { ...publicClient, redirect_uris: [`${redirectUri}?${'a'.repeat(3000)}`] },
      /each URI must be at most 2000/,
      'invalid_redirect_uri',
    ],
    [
      {
        ...publicClient,
        redirect_uris: Array.from({ length: 11 }, (_, i) => `http://127.0.0.1:${7000 + i}/cb`),
      },
      /at most 10 URIs/,
      'invalid_redirect_uri',
    ],
    [
      {
        ...publicClient,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
      /client_credentials is for clients an administrator configures/,
      'invalid_client_metadata',
    ],
  ])(
    'refuses oversize or privileged metadata, naming the field (case %#)',
    async (metadata, message, error) => {
      const response = await register(metadata);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: string; error_description: string };
      expect(body.error, body.error_description).toBe(error);
      expect(body.error_description).toMatch(message);
    },
  );

  it('a registered client that is never used expires; one that is used stays', async () => {
    const unused = (await (await register(publicClient)).json()) as { client_id: string };
    const used = (await (await register(publicClient)).json()) as { client_id: string };
    await expect.poll(async () => (await clientRow(unused.client_id))?.expires_at).toBeTruthy();
    const expiry = Number((await clientRow(unused.client_id))!.expires_at);
    expect(expiry).toBeGreaterThan(Date.now() + 23 * 3_600_000);

    const request = authorizationRequest(
      server(),
      { clientId: used.client_id, clientName: publicClient.client_name, redirectUri },
      { collection: 'user', scope: 'kb:read' },
    );
    const signedIn = await signIn(request.url, { ...alice, redirectUri });
    expect(signedIn.redirect.searchParams.get('code')).toBeTruthy();
    await expect.poll(async () => (await clientRow(used.client_id))?.expires_at).toBeNull();

    // A day later: retention removes the unused one and keeps the used one.
    const config = { plugins: [], collections: [], auth: { builtIn: {} } };
    await pruneByAge({
      db: server().server.db,
      engine: server().server.settings.storage.engine,
      kinds: retentionKinds(config),
      settings: resolveRetention(config, {}),
      now: new Date(expiry + 1),
    });
    expect(await clientRow(unused.client_id)).toBeUndefined();
    expect(await clientRow(used.client_id)).toBeDefined();
  });

  it('answers 429 with Retry-After once an address used its registrations for the hour', async () => {
    let response: Response | undefined;
    for (let i = 0; i < 10 && response?.status !== 429; i++)
      response = await register(publicClient);
    expect(response?.status).toBe(429);
    expect(response?.headers.get('retry-after')).toBe('3600');
  });
});
