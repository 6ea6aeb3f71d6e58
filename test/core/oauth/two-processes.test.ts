import {
  Client as ModernClient,
  StreamableHTTPClientTransport as ModernTransport,
} from '@modelcontextprotocol/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFreshPostgresDatabase,
  type FreshDatabase,
} from '../../helpers/fresh-postgres-database.js';
import { freePort } from '../../helpers/free-port.js';
import { LoadBalancer } from './load-balancer.js';
import {
  publicTokenRequest,
  registerPublicClient,
  signInAsPublicClient,
  type TokenAnswer,
} from './public-client.js';
import { mcpPost } from './support/manual-client.js';
import { alice } from './support/oauth-test-server.js';

const config = 'test/core/oauth/two-processes.config.ts';

/** Starts `servicedesk-mcp serve` and resolves once it prints its health URL. */
function serve(env: NodeJS.ProcessEnv): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['bin/servicedesk-mcp.js', 'serve', '--config', config], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('exit', (code) =>
      reject(new Error(`serve exited with ${String(code)} before listening:\n${stderr}`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes('health:')) resolve();
    });
  });
  return { child, ready };
}

/** Waits until the process at `port` says it is ready: keys, provider and demo data are in. */
async function readyAt(port: number): Promise<void> {
  for (;;) {
    const answer = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (answer?.status === 200) return;
    await answer?.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sends a signal and waits for the process to go. */
function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.kill('SIGTERM');
  return exited;
}

describe('two server processes on one PostgreSQL database', () => {
  let database: FreshDatabase;
  const balancer = new LoadBalancer();
  let publicUrl: string;
  let issuer: string;
  let collection: string;
  let a: ChildProcess | undefined;
  let b: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createFreshPostgresDatabase();
    publicUrl = await balancer.listen();
    issuer = `${publicUrl}/oauth`;
    collection = `${publicUrl}/mcp/user`;
    const ports = { a: await freePort(), b: await freePort() };
    const env = (port: number): NodeJS.ProcessEnv => {
      const vars: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: database.url,
        PORT: String(port),
        // Behind one balancer both answer for the same URL, so issuer and audience agree.
        PUBLIC_URL: publicUrl,
        LOG_LEVEL: 'warn',
      };
      delete vars['HOST'];
      return vars;
    };
    // Both at once on the empty database: migrations, demo data and signing keys race.
    const first = serve(env(ports.a));
    const second = serve(env(ports.b));
    a = first.child;
    b = second.child;
    await Promise.all([first.ready, second.ready]);
    // Listening is not ready: the provider and its keys are made after the first answer (ADR 0041).
    await Promise.all([readyAt(ports.a), readyAt(ports.b)]);
    balancer.connect(ports);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await balancer.close();
    await database.drop();
  });

  it('starts both together on an empty database with exactly one set of signing keys', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ payload: string }>(
        `select payload from sdm_oauth where kind = 'Keystore'`,
      );
      expect(rows).toHaveLength(1);
      const stored = JSON.parse(rows[0]!.payload) as { signing: unknown[]; cookies: unknown[] };
      expect(stored.signing).toHaveLength(1);
      expect(stored.cookies).toHaveLength(1);
    } finally {
      await client.end();
    }
    const published: string[][] = [];
    for (const route of ['a', 'b'] as const) {
      balancer.route = route;
      const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] };
      published.push(jwks.keys.map((k) => k.kid));
    }
    expect(published[0]).toHaveLength(1);
    expect(published[1]).toEqual(published[0]);
  });

  it('a token from A works at B, refreshes at B, and B refuses it as soon as A revokes it', async () => {
    balancer.route = 'a';
    const clientId = await registerPublicClient(issuer);
    const tokens = await signInAsPublicClient({ ...alice, issuer, clientId, resource: collection });

    balancer.route = 'b';
    expect((await mcpPost(collection, tokens.access_token)).status).toBe(200);
    const refreshing = await publicTokenRequest(issuer, {
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: tokens.refresh_token as string,
      resource: collection,
    });
    expect(refreshing.status).toBe(200);
    const refreshed = (await refreshing.json()) as TokenAnswer;
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    balancer.route = 'a';
    expect((await mcpPost(collection, refreshed.access_token)).status).toBe(200);
    const revoked = await publicTokenRequest(
      issuer,
      { token: refreshed.access_token, token_type_hint: 'access_token', client_id: clientId },
      '/token/revocation',
    );
    expect(revoked.status).toBe(200);

    balancer.route = 'b';
    const refused = await mcpPost(collection, refreshed.access_token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('revoking the refresh token at A ends the grant’s access tokens at B', async () => {
    balancer.route = 'a';
    const clientId = await registerPublicClient(issuer);
    const tokens = await signInAsPublicClient({ ...alice, issuer, clientId, resource: collection });
    balancer.route = 'b';
    expect((await mcpPost(collection, tokens.access_token)).status).toBe(200);
    balancer.route = 'a';
    const revoked = await publicTokenRequest(
      issuer,
      { token: tokens.refresh_token as string, client_id: clientId },
      '/token/revocation',
    );
    expect(revoked.status).toBe(200);
    balancer.route = 'b';
    expect((await mcpPost(collection, tokens.access_token)).status).toBe(401);
  });

  it('signs in with every request of the flow going to the other process', async () => {
    balancer.route = 'alternate';
    const clientId = await registerPublicClient(issuer);
    const tokens = await signInAsPublicClient({ ...alice, issuer, clientId, resource: collection });
    for (const route of ['a', 'b'] as const) {
      balancer.route = route;
      expect((await mcpPost(collection, tokens.access_token)).status).toBe(200);
    }
  });

  it('serves a 2026-07-28 client with every request going to the other process, no stickiness', async () => {
    balancer.route = 'a';
    const clientId = await registerPublicClient(issuer);
    const tokens = await signInAsPublicClient({ ...alice, issuer, clientId, resource: collection });
    balancer.route = 'alternate';
    const client = new ModernClient(
      { name: 'alternating', version: '1' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(
      new ModernTransport(new URL(collection), {
        requestInit: { headers: { authorization: `Bearer ${tokens.access_token}` } },
      }),
    );
    try {
      expect(client.getProtocolEra()).toBe('modern');
      for (let round = 0; round < 2; round++) {
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name)).toContain('create_ticket');
      }
      const summary = `Printer on floor 3 jams (${String(Date.now())})`;
      const created = await client.callTool({
        name: 'create_ticket',
        arguments: { summary, details: 'Every second page jams.', priority: 4, type: 'problem' },
      });
      expect(created.isError, JSON.stringify(created.content)).not.toBe(true);
      // Written through one process, read through the other.
      const mine = await client.callTool({ name: 'get_my_tickets', arguments: {} });
      expect(JSON.stringify(mine.structuredContent)).toContain(summary);
    } finally {
      await client.close();
    }
  });
});
