/**
 * `npm run bench:cluster`: the example desk as a deployment of three instances on one PostgreSQL
 * database and one Redis behind HAProxy (round-robin, `/readyz` health checks), driven by mixed
 * tool calls from SDK clients (the soak bench's mix: searches, reads, new tickets, notes, time).
 * Three runs: one instance direct (the baseline), the three through the proxy, and the three
 * through the proxy while instance 2 drains and restarts. Prints calls/s, p50/p99 and failures;
 * exits non-zero when any call failed.
 *
 * Environment: BENCH_CLUSTER_SECONDS (each run, default 20), BENCH_CLUSTER_CLIENTS (callers,
 * default 16), REDIS_URL (default redis://127.0.0.1:6379), TEST_DATABASE_URL (the PostgreSQL
 * server where a fresh database is made).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFreshPostgresDatabase } from '../../testing/index.js';
import { serveExample, type ExampleProcess } from '../serve-example.js';
import { callUntil, type CallTally } from '../soak/mixed-calls.js';
import { startHaproxy } from './haproxy.js';
import { freePorts } from './free-ports.js';
import { positiveFromEnv } from '../options.js';

// Compiled, this file is dist/bench/cluster/run.js; the repository is three levels up.
const repoRoot = fileURLToPath(
  new URL(import.meta.url.endsWith('.js') ? '../../..' : '../..', import.meta.url),
);

function progress(line: string): void {
  process.stderr.write(`[cluster] ${line}\n`);
}

interface RunResult {
  readonly label: string;
  readonly tally: CallTally & { readonly latencies: number[] };
  readonly seconds: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function line(run: RunResult): string {
  const sorted = [...run.tally.latencies].sort((a, b) => a - b);
  return (
    `${run.label.padEnd(44)} ${(run.tally.calls / run.seconds).toFixed(0).padStart(7)} calls/s ` +
    `p50 ${percentile(sorted, 0.5).toFixed(1).padStart(6)} ms  p99 ${percentile(sorted, 0.99).toFixed(1).padStart(6)} ms  ` +
    `${run.tally.calls} calls, ${run.tally.failed} failed`
  );
}

async function drive(
  label: string,
  base: string,
  options: {
    readonly clients: number;
    readonly seconds: number;
    readonly during?: () => Promise<void>;
  },
): Promise<RunResult> {
  const tally = { calls: 0, failed: 0, failures: [], byTool: new Map(), latencies: [] as number[] };
  const started = performance.now();
  const until = started + options.seconds * 1000;
  const urls = { agentUrl: `${base}/mcp/agent`, userUrl: `${base}/mcp/user` };
  await Promise.all([
    ...Array.from({ length: options.clients }, () => callUntil(urls, { until, tally })),
    options.during?.(),
  ]);
  const result = { label, tally, seconds: (performance.now() - started) / 1000 };
  progress(line(result));
  return result;
}

async function main(): Promise<number> {
  const seconds = positiveFromEnv('BENCH_CLUSTER_SECONDS', 20);
  const clients = Math.round(positiveFromEnv('BENCH_CLUSTER_CLIENTS', 16));
  const workDir = mkdtempSync(join(tmpdir(), 'servicedesk-cluster-'));
  const database = await createFreshPostgresDatabase();
  const [proxyPort, ...ports] = await freePorts(4);
  // No PUBLIC_URL: the example keeps its development tokens only without one, and every address
  // here is loopback anyway.
  const env = {
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `bench-cluster-${process.pid}:`,
    SHUTDOWN_DRAIN_MS: '1500',
    // Requests through the proxy name it in their Host header.
    ALLOWED_HOSTS: `127.0.0.1:${proxyPort}`,
  };
  const start = (port: number): Promise<ExampleProcess> =>
    serveExample({ repoRoot, databaseUrl: database.url, port, env });
  const instances: ExampleProcess[] = [];
  const loadBefore = loadavg()[0]!;
  try {
    // The first start migrates and loads the demo desk; the others find it there.
    instances.push(await start(ports[0]!));
    instances.push(...(await Promise.all(ports.slice(1).map(start))));
    const proxy = await startHaproxy({
      dir: workDir,
      port: proxyPort!,
      instances: ports,
      statefulPaths: [],
    });
    try {
      progress(
        `three instances on ${ports.join(', ')}, HAProxy on ${proxyPort}; ${clients} callers, ${seconds} s a run`,
      );
      const runs = [
        await drive('one instance, direct', `http://127.0.0.1:${ports[0]}`, { clients, seconds }),
        await drive('three instances behind HAProxy', proxy.url, { clients, seconds }),
        await drive('three behind HAProxy, instance 2 restarting', proxy.url, {
          clients,
          seconds,
          during: async () => {
            await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 4));
            await instances[1]!.stop();
            instances[1] = await start(ports[1]!);
            progress('instance 2 is back');
          },
        }),
      ];
      const failures = runs.flatMap((run) => run.tally.failures.map((f) => `  ${run.label}: ${f}`));
      process.stdout.write(
        [
          `Cluster: the example desk on PostgreSQL and Redis, ${clients} SDK callers, mixed calls; ` +
            `load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after.`,
          ...runs.map(line),
          ...failures,
          '',
        ].join('\n'),
      );
      return runs.every((run) => run.tally.failed === 0) ? 0 : 1;
    } finally {
      await proxy.stop();
    }
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database.drop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
