import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createFreshPostgresDatabase,
  type FreshDatabase,
} from '../helpers/fresh-postgres-database.js';
import { freePort } from '../helpers/free-port.js';
import { createTempFolder, type TempFolder } from '../helpers/temp-folder.js';
import { testRedisUrl, uniqueRedisPrefix } from '../helpers/test-redis.js';
import { agentToken, limitedBudget, noticeUris } from './fixtures/cluster.config.js';
import { startHaproxy, type Haproxy } from '../../bench/cluster/haproxy.js';
import { startInstance, type Instance } from './support/instance.js';
import { runMixedLoad, type LoadReport } from './support/mixed-load.js';

/**
 * Issue 20's deployment: three instances on one PostgreSQL database and one Redis behind
 * HAProxy, round-robin without stickiness for the stateless collections. Behaviour only: no
 * error, no lost update, a restart mid-load unnoticed, a session hearing another instance.
 */
describe('three instances behind HAProxy on PostgreSQL and Redis', () => {
  let folder: TempFolder;
  let database: FreshDatabase;
  let proxy: Haproxy;
  const ports: number[] = [];
  const instances: Instance[] = [];
  let env: Record<string, string>;

  const connect = async (path: string): Promise<Client> => {
    const client = new Client({ name: 'cluster-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(path, proxy.url), {
        requestInit: { headers: { authorization: `Bearer ${agentToken}` } },
      }),
    );
    return client;
  };

  beforeAll(async () => {
    folder = createTempFolder('cluster');
    database = await createFreshPostgresDatabase();
    for (let i = 0; i < 4; i++) ports.push(await freePort());
    const proxyPort = ports.pop()!;
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl,
      REDIS_KEY_PREFIX: uniqueRedisPrefix(),
      PUBLIC_URL: `http://127.0.0.1:${proxyPort}`,
      // Above HAProxy's 2 × 250 ms to mark an instance down.
      SHUTDOWN_DRAIN_MS: '1500',
    };
    // All three start at once, as a fresh deployment does: one migrates and seeds, under locks.
    instances.push(...(await Promise.all(ports.map((port) => startInstance(port, env)))));
    proxy = await startHaproxy({
      dir: folder.path,
      port: proxyPort,
      instances: ports,
      statefulPaths: ['/mcp/session'],
    });
  }, 180_000);

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    await database?.drop();
    folder?.remove();
  });

  it('serves a mixed load with no error and no lost update while one instance restarts', async () => {
    const versions = async (): Promise<Map<number, number>> => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        // Closed tickets refuse updates; the load writes to open ones.
        const { rows } = await client.query<{ id: number; version: number }>(
          "select id, version from desk_tickets where status <> 'closed' order by id",
        );
        return new Map(rows.map((row) => [Number(row.id), Number(row.version)]));
      } finally {
        await client.end();
      }
    };
    const before = await versions();
    const contended = [...before.keys()].slice(0, 4);

    const restarted = async (): Promise<void> => {
      const [, second] = instances;
      expect(await second!.stop()).toBe(0);
      instances[1] = await startInstance(second!.port, env);
    };
    const report: LoadReport = await runMixedLoad({
      connect: () => connect('/mcp/agent'),
      workers: 8,
      durationMs: 12_000,
      tickets: contended,
      midway: { atMs: 3_000, action: restarted },
    });

    expect(report.errors, report.errors.join('\n')).toEqual([]);
    expect(report.midwayDoneAtMs).toBeLessThan(report.durationMs);
    expect(report.reads).toBeGreaterThan(0);
    expect(report.writes).toBeGreaterThan(0);
    // Every acknowledged write is in the store: each ticket moved on by exactly its writes.
    const after = await versions();
    for (const id of contended)
      expect(after.get(id), `ticket ${id}`).toBe(
        before.get(id)! + (report.writesByTicket.get(id) ?? 0),
      );
    console.info(
      `three instances: ${report.reads} reads, ${report.writes} writes, ${report.conflicts} version conflicts ` +
        `in ${report.durationMs} ms (${Math.round(((report.reads + report.writes) * 1000) / report.durationMs)} calls/s), ` +
        `p99 ${report.p99Ms.toFixed(1)} ms, ${report.errors.length} errors; instance 2 back after ${report.midwayDoneAtMs} ms`,
    );
  }, 120_000);

  it('delivers a change made on any instance to a session another instance holds', async () => {
    const session = await connect('/mcp/session');
    const heard = new Set<string>();
    session.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      heard.add(n.params.uri);
    });
    for (const uri of noticeUris) await session.subscribeResource({ uri });
    // Each notice is changed on one instance only, past the proxy: hearing all three means at
    // least two crossed from another instance.
    for (const [i, uri] of noticeUris.entries()) {
      const direct = new Client({ name: 'pin', version: '1.0.0' });
      await direct.connect(
        new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${ports[i]}/mcp/board`), {
          requestInit: { headers: { authorization: `Bearer ${agentToken}` } },
        }),
      );
      await vi.waitFor(
        async () => {
          await direct.callTool({ name: 'pin_notice', arguments: { uri } });
          expect(heard.has(uri)).toBe(true);
        },
        { timeout: 10_000, interval: 200 },
      );
      await direct.close();
    }
    await session.close();
  }, 60_000);

  it('holds one budget across the instances, each counting its refusals on /metrics', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < limitedBudget + 5; i++) {
      // Round-robin: consecutive calls land on different instances.
      const response = await fetch(`${proxy.url}/mcp/limited`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${agentToken}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: i,
          method: 'tools/call',
          params: { name: 'pin_notice', arguments: { uri: noticeUris[0] } },
        }),
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await response.text()).toContain('TOOL_RATE_LIMITED');
      } else await response.text();
    }
    expect(statuses).toEqual([...Array(limitedBudget).fill(200), ...Array(5).fill(429)]);

    let refused = 0;
    for (const port of ports) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const line =
        /^servicedesk_rate_limited_calls_total\{[^}]*collection="limited"[^}]*\} (\d+)/m.exec(text);
      refused += Number(line?.[1] ?? 0);
    }
    expect(refused).toBe(5);
  }, 60_000);
});
