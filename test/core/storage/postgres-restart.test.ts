import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startPrivateCluster,
  type PrivateCluster,
} from '../../helpers/private-postgres-cluster.js';
import {
  connectClient,
  spawnExampleServer,
  withoutCallBudgets,
  type ExampleServer,
} from '../../helpers/example-server.js';

const smallDesk = 'test/helpers/small-desk.config.ts';

/** How each call in flight ended: answered, a tool error, or a failed request. */
interface Tally {
  ok: number;
  toolErrors: string[];
  requestErrors: string[];
}

/** Keeps `workers` calls in flight (reads and writes) until `stop` is set. */
async function keepCalling(client: Client, stop: { done: boolean }, tally: Tally): Promise<void> {
  const calls = [
    () => client.callTool({ name: 'search_tickets', arguments: { text: 'vpn' } }),
    () => client.callTool({ name: 'get_user_info', arguments: {} }),
    () =>
      client.callTool({
        name: 'create_ticket',
        arguments: {
          summary: 'VPN drops',
          details: 'during a database restart',
          type: 'incident',
          customFields: { affected_service: 'VPN and Remote Access' },
        },
      }),
  ];
  for (let i = 0; !stop.done; i++) {
    try {
      const result = await calls[i % calls.length]!();
      if (result.isError === true) {
        const text = (result.content as { text: string }[])[0]?.text ?? '';
        tally.toolErrors.push(text);
      } else tally.ok++;
    } catch (error) {
      tally.requestErrors.push((error as Error).message);
    }
  }
}

async function waitUntilAnswering(client: Client, server: ExampleServer): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.child.exitCode !== null)
      throw new Error(`the server exited (${server.child.exitCode}):\n${server.log.join('\n')}`);
    const result = await client
      .callTool({ name: 'get_user_info', arguments: {} })
      .catch(() => ({ isError: true }));
    if (result.isError !== true) return;
    if (Date.now() > deadline) throw new Error('the server did not recover within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function backendPids(cluster: PrivateCluster): Promise<number[]> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()`,
    );
    return rows.map((r) => r.pid);
  } finally {
    await admin.end();
  }
}

const faults: readonly (readonly [string, (cluster: PrivateCluster) => Promise<void>])[] = [
  [
    'a restart (pg_ctl stop -m fast)',
    async (cluster) => {
      await cluster.stop('fast');
      await cluster.start();
    },
  ],
  [
    'an immediate stop (pg_ctl stop -m immediate)',
    async (cluster) => {
      await cluster.stop('immediate');
      await cluster.start();
    },
  ],
  [
    'a backend killed with SIGKILL (an OOM kill; PostgreSQL then resets every session)',
    async (cluster) => {
      const [pid] = await backendPids(cluster);
      if (pid !== undefined) process.kill(pid, 'SIGKILL');
    },
  ],
];

/** Rounds of each fault: a restart ended the process in 10 of 25 tries before connections in use had a listener. */
const rounds = 4;

describe('the server through PostgreSQL restarts and killed backends, with calls in flight', () => {
  let cluster: PrivateCluster;
  let server: ExampleServer;
  let client: Client;

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    server = spawnExampleServer({
      databaseUrl: cluster.url,
      config: smallDesk,
      env: { DATABASE_CONNECT_TIMEOUT_MS: '2000', ...withoutCallBudgets },
    });
    const { baseUrl } = await server.ready;
    client = await connectClient(`${baseUrl}/mcp/agent`, 'demo-agent-token');
  }, 120_000);

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await server?.kill();
    await cluster?.destroy();
  });

  it.each(faults)(
    'stays up through %s, gives calls in flight a clear error and answers again',
    async (_name, fault) => {
      let metTheFault = 0;
      for (let round = 0; round < rounds; round++) {
        const stop = { done: false };
        const tally: Tally = { ok: 0, toolErrors: [], requestErrors: [] };
        const workers = Array.from({ length: 6 }, () => keepCalling(client, stop, tally));
        try {
          await new Promise((resolve) => setTimeout(resolve, 150));
          await fault(cluster);
          await waitUntilAnswering(client, server);
        } finally {
          stop.done = true;
          await Promise.all(workers);
        }

        expect(server.child.exitCode, server.log.join('\n')).toBeNull();
        expect(tally.requestErrors, 'failed requests').toEqual([]);
        for (const text of tally.toolErrors)
          expect(text).toMatch(/^The desk database is (unavailable right now|busy) \(/);
        expect(tally.ok).toBeGreaterThan(0);
        metTheFault += tally.toolErrors.length;
      }
      // Calls really were in flight when the database went away.
      expect(metTheFault).toBeGreaterThan(0);
      expect(server.log.join('\n')).not.toMatch(/Unhandled 'error' event/);
    },
    180_000,
  );
});
