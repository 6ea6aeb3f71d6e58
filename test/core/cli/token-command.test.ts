import { describe, expect, it } from 'vitest';
import { testEngines } from '../../helpers/test-databases.js';
import { mcpPost } from '../oauth/support/manual-client.js';
import { alice, sam } from '../oauth/support/oauth-test-server.js';
import { useOAuthCliServer } from './oauth-cli-server.js';
import { demoConfigPath, runCli } from './run-cli.js';

type DeskUsers = { desk_users: { email: string; role: string; active: number } };

describe.each(testEngines)('servicedesk-mcp token on $engine', (engine) => {
  const h = useOAuthCliServer(engine);

  async function mint(...argv: string[]): Promise<string> {
    const run = await h.cli('token', ...argv);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return run.lines[0] as string;
  }

  it('mints a token that calls a tool over HTTP on its collection, and prints the header', async () => {
    const run = await h.cli('token', '--user', sam.email, '--collection', 'agent');
    expect(run.code).toBe(0);
    const token = run.lines[0] as string;
    expect(token).toMatch(/^[\w-]{20,}$/);
    expect(run.lines[1]).toBe(`Authorization: Bearer ${token}`);
    expect(run.lines.join('\n')).toContain(`on ${h.t.urlOf('agent')}`);
    expect(run.lines.join('\n')).toContain('tickets:read:all');
    const client = await h.t.connect('agent', token);
    const whoami = await client.callTool({ name: 'get_user_info', arguments: {} });
    expect(whoami.isError).toBeFalsy();
    expect(JSON.stringify(whoami.structuredContent)).toContain(sam.email);
    const assigned = await client.callTool({ name: 'get_assigned_tickets', arguments: {} });
    expect(assigned.isError).toBeFalsy();
  });

  it('is refused on another collection: the audience is the collection URL', async () => {
    const token = await mint('--user', sam.email, '--collection', 'agent');
    const elsewhere = await mcpPost(h.t.urlOf('user'), token);
    expect(elsewhere.status).toBe(401);
    expect(await elsewhere.text()).toContain('AUTH_WRONG_AUDIENCE');
    expect((await mcpPost(h.t.urlOf('agent'), token)).status).toBe(200);
  });

  it('--scopes narrows the token: only the tools those scopes reach are listed', async () => {
    const token = await mint('--user', alice.email, '--collection', 'user', '--scopes', 'kb:read');
    const client = await h.t.connect('user', token);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('search_knowledge_base');
    expect(names).not.toContain('create_ticket');
    expect(names).not.toContain('get_my_tickets');
  });

  it('--json gives the token, its scopes, audience and expiry', async () => {
    const run = await h.cli(
      'token',
      '--user',
      alice.email,
      '--collection',
      'user',
      '--ttl',
      '120',
      '--json',
    );
    const body = JSON.parse(run.lines.join('\n')) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 120,
      audience: h.t.urlOf('user'),
    });
    expect(body['scope']).toBe(
      'catalogue:read kb:read tickets:read:own tickets:write:own users:read:own',
    );
    const left = Date.parse(body['expires_at'] as string) - Date.now();
    expect(left).toBeGreaterThan(100_000);
    expect(left).toBeLessThanOrEqual(120_000);
  });

  it('is revocable: at the revocation endpoint as client servicedesk-cli, and by revoking that client', async () => {
    const one = await mint('--user', sam.email, '--collection', 'agent');
    const revoked = await fetch(`${h.t.url}/oauth/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: one, client_id: 'servicedesk-cli' }),
    });
    expect(revoked.status).toBe(200);
    expect((await mcpPost(h.t.urlOf('agent'), one)).status).toBe(401);

    const two = await mint('--user', sam.email, '--collection', 'agent');
    const three = await mint('--user', alice.email, '--collection', 'user');
    expect((await mcpPost(h.t.urlOf('agent'), two)).status).toBe(200);
    const run = await h.cli('clients', 'revoke', 'servicedesk-cli');
    expect(run.code).toBe(0);
    expect((await mcpPost(h.t.urlOf('agent'), two)).status).toBe(401);
    expect((await mcpPost(h.t.urlOf('user'), three)).status).toBe(401);
    // The next mint registers the command line's client again.
    const four = await mint('--user', sam.email, '--collection', 'agent');
    expect((await mcpPost(h.t.urlOf('agent'), four)).status).toBe(200);
  });

  it('stops working when the desk account is deactivated, and such an account gets none', async () => {
    const db = h.t.server.db.withTables<DeskUsers>();
    const other = await db
      .selectFrom('desk_users')
      .select('email')
      .where('role', '=', 'agent')
      .where('email', '!=', sam.email)
      .orderBy('email')
      .executeTakeFirstOrThrow();
    const token = await mint('--user', other.email, '--collection', 'agent');
    await db
      .updateTable('desk_users')
      .set({ active: 0 })
      .where('email', '=', other.email)
      .execute();
    expect((await mcpPost(h.t.urlOf('agent'), token)).status).toBe(401);
    const run = await h.cli('token', '--user', other.email, '--collection', 'agent');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`CLI_REFUSED: --user ${other.email}: the account is deactivated`);
  });

  it.each([
    [
      'an unknown user',
      ['--user', 'nobody@example.com', '--collection', 'user'],
      'CLI_REFUSED: --user nobody@example.com: no desk account has this e-mail',
    ],
    [
      'a role the collection does not allow',
      ['--user', alice.email, '--collection', 'agent'],
      `CLI_REFUSED: --user ${alice.email} is end user; collection "agent" is for agent, admin accounts`,
    ],
    [
      'an unknown collection',
      ['--user', alice.email, '--collection', 'nope'],
      'CLI_REFUSED: --collection "nope" is not a collection with sign-in here; use one of user, agent',
    ],
    [
      'a scope outside the grant',
      ['--user', alice.email, '--collection', 'user', '--scopes', 'kb:read,tickets:read:all'],
      `CLI_REFUSED: --scopes tickets:read:all is outside collection "user"'s grant; choose from catalogue:read, kb:read, tickets:read:own, tickets:write:own, users:read:own`,
    ],
    ['no --user', ['--collection', 'user'], 'CLI_USAGE: token needs --user <email>'],
    ['no --collection', ['--user', alice.email], 'CLI_USAGE: token needs --collection <id>'],
    [
      'a --ttl beyond the server’s token lifetime',
      ['--user', alice.email, '--collection', 'user', '--ttl', '7200'],
      'CLI_USAGE: --ttl "7200" must be whole seconds from 60 to 1800',
    ],
    [
      'a --ttl that is not a number',
      ['--user', alice.email, '--collection', 'user', '--ttl', '15m'],
      'CLI_USAGE: --ttl "15m" must be whole seconds',
    ],
  ])('refuses %s with a clear error and exit 1', async (_case, argv, message) => {
    const run = await h.cli('token', ...argv);
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([]);
    expect(run.stderr).toContain(message);
  });
});

describe('servicedesk-mcp token without auth.builtIn', () => {
  it('refuses, naming what to add', async () => {
    const run = await runCli([
      'token',
      '--user',
      'alice@example.com',
      '--collection',
      'user',
      '--config',
      demoConfigPath,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'CONFIG_INVALID: token works with the built-in authorization server, and this config has no auth.builtIn',
    );
  });
});
