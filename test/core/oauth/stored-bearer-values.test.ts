import { hash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OAuthRow, OAuthTables } from '../../../core/oauth/oauth-schema.js';
import { storedId } from '../../../core/oauth/kysely-adapter.js';
import { testEngines } from '../../helpers/test-databases.js';
import { authorizationCode, exchange, mcpPost, tokenRequest } from './support/manual-client.js';
import { alice, serviceClient, useOAuthServer } from './support/oauth-test-server.js';

interface Tokens {
  readonly access_token: string;
  readonly refresh_token?: string;
}

/** Every string in a JSON value, however deep. */
function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (typeof value === 'object' && value !== null)
    for (const [key, inner] of Object.entries(value)) {
      into.push(key);
      stringsIn(inner, into);
    }
  return into;
}

/**
 * Issue 15, item 2: the OAuth table kept every token's own value in its payload (`jti`), so a
 * reader of the database held working access and refresh tokens. Runs real flows, then scans
 * every stored row for a value whose digest is a row id, and for the values the flows returned.
 */
describe.each(testEngines)('bearer values in the OAuth store on $engine', (engine) => {
  const server = useOAuthServer(engine);
  const issued: string[] = [];

  beforeAll(async () => {
    const t = server();
    // Authorization code with PKCE (leaves a browser session, a grant and a consumed code)…
    const grant = await authorizationCode(t, alice);
    issued.push(grant.code);
    const first = (await (await exchange(t, grant)).json()) as Tokens;
    issued.push(first.access_token, first.refresh_token!);
    // …a refresh (a second refresh token, the first consumed)…
    const refreshed = (await (
      await tokenRequest(t, {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token!,
        resource: grant.resource,
      })
    ).json()) as Tokens;
    issued.push(refreshed.access_token, refreshed.refresh_token!);
    // …and client credentials.
    const robot = (await (
      await fetch(`${t.url}/oauth/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${serviceClient.clientId}:${serviceClient.clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          scope: 'tickets:read:all',
          resource: t.urlOf('agent'),
        }),
      })
    ).json()) as Tokens;
    issued.push(robot.access_token);
    expect(issued.every((value) => typeof value === 'string' && value.length > 10)).toBe(true);
  });

  const rows = (): Promise<OAuthRow[]> =>
    server().server.db.withTables<OAuthTables>().selectFrom('sdm_oauth').selectAll().execute();

  it('holds no value whose digest is a row id, in any column or payload field', async () => {
    const stored = await rows();
    const kinds = new Set(stored.map((row) => row.kind));
    for (const kind of [
      'AccessToken',
      'RefreshToken',
      'AuthorizationCode',
      'ClientCredentials',
      'Session',
    ])
      expect(kinds).toContain(kind);
    const ids = new Set(stored.map((row) => row.id));
    const found = stored.flatMap((row) =>
      [
        ...stringsIn(JSON.parse(row.payload)),
        ...[row.grant_id, row.uid, row.user_code].filter((v): v is string => v !== null),
      ]
        .filter((value) => ids.has(hash('sha256', value, 'base64url')))
        .map((value) => `${row.kind}: ${value}`),
    );
    expect(found).toEqual([]);
  });

  it('holds none of the codes and tokens the flows handed out', async () => {
    const text = (await rows()).map((row) => JSON.stringify(row)).join('\n');
    for (const value of issued) expect(text).not.toContain(value);
  });

  it('the tokens still work: looked up by their digest, their value given back', async () => {
    const [, , , refreshedAccess, refreshedRefresh, robotAccess] = issued;
    expect((await mcpPost(server().urlOf('user'), refreshedAccess!)).status).toBe(200);
    expect((await mcpPost(server().urlOf('agent'), robotAccess!)).status).toBe(200);
    const again = await tokenRequest(server(), {
      grant_type: 'refresh_token',
      refresh_token: refreshedRefresh!,
      resource: server().urlOf('user'),
    });
    expect(again.status).toBe(200);
  });

  it('a row in the old layout (jti in the payload) is rewritten by the migration', async () => {
    const { oauthMigrations } = await import('../../../core/oauth/oauth-schema.js');
    const db = server().server.db.withTables<OAuthTables>();
    const value = 'old-layout-access-token-value-0123456789';
    await db
      .insertInto('sdm_oauth')
      .values({
        kind: 'AccessToken',
        id: storedId('AccessToken', value),
        payload: JSON.stringify({ jti: value, kind: 'AccessToken', accountId: 'x' }),
        grant_id: null,
        user_code: null,
        uid: null,
        expires_at: Date.now() + 60_000,
        consumed_at: null,
      })
      .execute();
    await oauthMigrations['oauth-0002-no-bearer-values']!.up(server().server.db.withTables(), {
      engine: engine.engine,
    });
    const row = await db
      .selectFrom('sdm_oauth')
      .select('payload')
      .where('id', '=', storedId('AccessToken', value))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload)).toEqual({ kind: 'AccessToken', accountId: 'x' });
  });
});
