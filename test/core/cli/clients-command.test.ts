import { describe, expect, it } from 'vitest';
import { testEngines } from '../../helpers/test-databases.js';
import { mcpPost } from '../oauth/support/manual-client.js';
import { alice, manualClient, userGrant } from '../oauth/support/oauth-test-server.js';
import { pkcePair } from '../oauth/support/pkce.js';
import { signIn } from '../oauth/support/sign-in.js';
import { useOAuthCliServer, type OAuthCliHarness } from './oauth-cli-server.js';
import { demoConfigPath, runCli } from './run-cli.js';

const redirectUri = 'https://copilot.example/cli-callback';

interface Listing {
  issuer: string;
  collections: {
    id: string;
    url: string;
    manual: { authorizationUrl: string; tokenUrl: string; refreshUrl: string; scopes: string[] };
    clients: {
      clientId: string;
      name: string;
      kind: string;
      redirectUris: string[];
      createdAt?: string;
    }[];
  }[];
  anyCollection: { clientId: string; name: string; kind: string }[];
}

async function listing(h: OAuthCliHarness): Promise<Listing> {
  const run = await h.cli('clients', 'list', '--json');
  expect(run.code).toBe(0);
  return JSON.parse(run.lines.join('\n')) as Listing;
}

/** Signs alice in with a client's id and secret and returns the token response. */
async function tokensFor(
  h: OAuthCliHarness,
  client: { id: string; secret: string },
): Promise<Response> {
  const pkce = pkcePair();
  const url = new URL(`${h.t.url}/oauth/auth`);
  for (const [key, value] of Object.entries({
    client_id: client.id,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'tickets:read:own kb:read',
    state: 'cli',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    resource: h.t.urlOf('user'),
  }))
    url.searchParams.set(key, value);
  const result = await signIn(url, { ...alice, redirectUri });
  const code = result.redirect.searchParams.get('code');
  if (code === null) throw new Error(`no code: ${result.redirect.href}`);
  return fetch(`${h.t.url}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: pkce.verifier,
      redirect_uri: redirectUri,
      resource: h.t.urlOf('user'),
    }),
  });
}

describe.each(testEngines)('servicedesk-mcp clients on $engine', (engine) => {
  const h = useOAuthCliServer(engine);

  it('prints, per collection, the Copilot Studio manual URLs and scopes, and the static client', async () => {
    const run = await h.cli('clients');
    expect(run.code).toBe(0);
    const text = run.lines.join('\n');
    expect(run.lines[0]).toBe(`Authorization server ${h.t.url}/oauth`);
    expect(text).toContain(`User Functions (user)  ${h.t.urlOf('user')}`);
    expect(text).toContain(`Agent Functions (agent)  ${h.t.urlOf('agent')}`);
    expect(text).toContain(`    Authorization URL  ${h.t.url}/oauth/auth`);
    expect(text).toContain(`    Token URL          ${h.t.url}/oauth/token`);
    expect(text).toContain(`    Refresh URL        ${h.t.url}/oauth/token`);
    expect(text).toContain(`    Scopes             ${[...userGrant].sort().join(' ')}`);
    expect(text).toMatch(
      new RegExp(
        `${manualClient.clientId} +static +${manualClient.name} +in config +${manualClient.redirectUris[0]}`,
      ),
    );
  });

  it('lists a client that registered itself (RFC 7591) under any collection', async () => {
    const registered = await fetch(`${h.t.url}/oauth/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 'Claude',
        redirect_uris: ['http://127.0.0.1:5555/callback'],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      }),
    });
    expect(registered.status).toBe(201);
    const { client_id } = (await registered.json()) as { client_id: string };
    const { anyCollection } = await listing(h);
    expect(anyCollection).toContainEqual(
      expect.objectContaining({ clientId: client_id, name: 'Claude', kind: 'dynamic' }),
    );
  });

  it('add prints a secret once that signs in; revoke removes the client and ends its tokens', async () => {
    const run = await h.cli(
      'clients',
      'add',
      '--collection',
      'user',
      '--name',
      'Copilot Studio (test)',
      '--redirect-uri',
      redirectUri,
      '--redirect-uri',
      'http://127.0.0.1:7777/callback',
    );
    expect(run.code).toBe(0);
    const text = run.lines.join('\n');
    const id = /Client ID +(\S+)/.exec(text)?.[1] as string;
    const secret = /Client secret +(\S+)/.exec(text)?.[1] as string;
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(text).toContain(`Token URL          ${h.t.url}/oauth/token`);
    expect(text).toContain('shown only now');

    const user = (await listing(h)).collections.find((c) => c.id === 'user');
    expect(user?.clients).toContainEqual(
      expect.objectContaining({
        clientId: id,
        name: 'Copilot Studio (test)',
        kind: 'cli',
        redirectUris: [redirectUri, 'http://127.0.0.1:7777/callback'],
      }),
    );
    // Only the hash is stored.
    const stored = await h.t.server.db
      .withTables<{ sdm_oauth: { kind: string; id: string; payload: string } }>()
      .selectFrom('sdm_oauth')
      .select('payload')
      .where('kind', '=', 'Client')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.payload).not.toContain(secret);

    expect((await tokensFor(h, { id, secret: 'not-the-secret' })).status).toBe(401);
    const response = await tokensFor(h, { id, secret });
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as { access_token: string; refresh_token: string };
    expect((await mcpPost(h.t.urlOf('user'), tokens.access_token)).status).toBe(200);

    const revoked = await h.cli('clients', 'revoke', id);
    expect(revoked.code).toBe(0);
    expect(revoked.lines[0]).toContain(`Revoked client ${id}`);
    expect((await mcpPost(h.t.urlOf('user'), tokens.access_token)).status).toBe(401);
    const refresh = await fetch(`${h.t.url}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      }),
    });
    expect(refresh.status).toBe(401);
    const after = (await listing(h)).collections.flatMap((c) => c.clients.map((x) => x.clientId));
    expect(after).not.toContain(id);
  });

  it.each([
    [
      ['add', '--name', 'X', '--redirect-uri', redirectUri],
      'CLI_USAGE: clients add needs --collection <id>: one of user, agent',
    ],
    [
      ['add', '--collection', 'nope', '--name', 'X', '--redirect-uri', redirectUri],
      'CLI_USAGE: --collection "nope" is not a collection with sign-in here',
    ],
    [
      ['add', '--collection', 'user', '--redirect-uri', redirectUri],
      'CLI_USAGE: clients add needs --name <name>',
    ],
    [
      ['add', '--collection', 'user', '--name', 'X'],
      'CLI_USAGE: give at least one --redirect-uri <url>',
    ],
    [
      ['add', '--collection', 'user', '--name', 'X', '--redirect-uri', 'http://copilot.example/cb'],
      'CLI_USAGE: --redirect-uri http://copilot.example/cb must be an absolute https URL',
    ],
    [['revoke'], 'CLI_USAGE: clients revoke needs <clientId>'],
    [
      ['revoke', manualClient.clientId],
      `CLI_REFUSED: client "${manualClient.clientId}" is declared in config (auth.builtIn.clients)`,
    ],
    [['revoke', 'no-such-client'], 'CLI_REFUSED: no stored client "no-such-client"'],
    [['remove', 'x'], 'CLI_USAGE: action "remove" is not one of list, add, revoke'],
    [['list', '--name', 'X'], 'CLI_USAGE: --name is for clients add only'],
    [['list', 'extra'], 'CLI_USAGE: unexpected argument "extra"'],
  ])('refuses clients %j naming the option and the rule (exit 1)', async (argv, message) => {
    const run = await h.cli('clients', ...argv);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });
});

describe('servicedesk-mcp clients without auth.builtIn', () => {
  it('refuses, naming what to add', async () => {
    const run = await runCli(['clients', '--config', demoConfigPath]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'CONFIG_INVALID: clients works with the built-in authorization server',
    );
  });
});
