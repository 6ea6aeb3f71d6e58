/**
 * `npm run bench:soak`: starts the example server in a child process and drives steady mixed tool
 * calls against it (searches, ticket reads, an end user's tickets and the knowledge base, new
 * tickets, notes and time) from a fixed number of callers, sampling the server's resident set
 * size as it goes; prints the samples and the growth from the first minute to the last. Memory
 * that grows with calls (a leak) shows there; a warming JIT and caches settle in the first minute.
 * Exits non-zero when any call failed.
 *
 * Environment: BENCH_SOAK_SECONDS (default 600), BENCH_SOAK_CLIENTS (callers, default 8),
 * BENCH_SOAK_SAMPLE_SECONDS (default 10), BENCH_SOAK_DATABASE_URL (default: a SQLite file in a
 * temporary folder; a `postgres://` URL of an empty database soaks on PostgreSQL).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryGrowthLimit, positiveFromEnv } from '../options.js';
import { megabytes, verdict } from '../report.js';
import { serveExample } from '../serve-example.js';
import { callUntil, type CallTally } from './mixed-calls.js';

// Compiled, this file is dist/bench/soak/run.js; the repository is three levels up.
const repoRoot = fileURLToPath(
  new URL(import.meta.url.endsWith('.js') ? '../../..' : '../..', import.meta.url),
);

interface Sample {
  /** Seconds since the calls started. */
  readonly at: number;
  readonly rss: number;
  readonly calls: number;
}

/** The resident set size of process `pid` in bytes: from /proc on Linux, else from `ps`. */
function rssOf(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(status, 'utf8'))?.[1];
    if (kilobytes !== undefined) return Number(kilobytes) * 1024;
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' })) * 1024;
}

function progress(line: string): void {
  process.stderr.write(`[soak] ${line}\n`);
}

/** A shorter soak is mostly the heap growing to its working size before V8's full collections. */
const verdictSeconds = 300;

const mean = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

function report(samples: readonly Sample[], run: { readonly seconds: number }): string[] {
  // The first and last minute; a shorter soak compares its first and last third.
  const window = Math.min(60, run.seconds / 3);
  const first = mean(samples.filter((s) => s.at <= window).map((s) => s.rss));
  const last = mean(samples.filter((s) => s.at >= run.seconds - window).map((s) => s.rss));
  const growth = (last - first) / first;
  const lines = [
    '',
    'RSS of the server (every sample):',
    '     t (s)   RSS (MB)   calls/s since the last',
  ];
  samples.forEach((sample, i) => {
    const before = samples[i - 1];
    const rate = before === undefined ? 0 : (sample.calls - before.calls) / (sample.at - before.at);
    lines.push(
      `${sample.at.toFixed(0).padStart(10)} ${(sample.rss / 2 ** 20).toFixed(1).padStart(10)} ` +
        `${before === undefined ? '' : rate.toFixed(0).padStart(10)}`,
    );
  });
  const judged = run.seconds >= verdictSeconds;
  lines.push(
    '',
    `Memory over the soak: mean RSS ${megabytes(first)} in the first ${window.toFixed(0)} s, ` +
      `${megabytes(last)} in the last ${window.toFixed(0)} s: ` +
      `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} % (limit +${memoryGrowthLimit * 100} %): ` +
      (judged
        ? verdict(growth <= memoryGrowthLimit)
        : `no verdict under ${verdictSeconds} s, while the heap still grows to its working size`),
  );
  return lines;
}

async function main(): Promise<number> {
  const seconds = positiveFromEnv('BENCH_SOAK_SECONDS', 600);
  const clients = Math.round(positiveFromEnv('BENCH_SOAK_CLIENTS', 8));
  const sampleSeconds = positiveFromEnv('BENCH_SOAK_SAMPLE_SECONDS', 10);
  const workDir = mkdtempSync(join(tmpdir(), 'servicedesk-soak-'));
  const databaseUrl = process.env['BENCH_SOAK_DATABASE_URL'] ?? join(workDir, 'soak.db');
  const loadBefore = loadavg()[0]!;
  const server = await serveExample({ repoRoot, databaseUrl });
  try {
    const pid = server.child.pid!;
    const agentUrl = server.collections.get('Agent Functions')!;
    const userUrl = server.collections.get('User Functions')!;
    progress(
      `server pid ${pid}; ${clients} callers for ${seconds} s; RSS every ${sampleSeconds} s`,
    );
    const tally: CallTally = { calls: 0, failed: 0, failures: [], byTool: new Map() };
    const started = performance.now();
    const samples: Sample[] = [];
    const sample = () => {
      const at = (performance.now() - started) / 1000;
      samples.push({ at, rss: rssOf(pid), calls: tally.calls });
      progress(`${at.toFixed(0)} s: RSS ${megabytes(samples.at(-1)!.rss)}, ${tally.calls} calls`);
    };
    sample();
    const timer = setInterval(sample, sampleSeconds * 1000);
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, () => callUntil({ agentUrl, userUrl }, { until, tally })),
    ).finally(() => clearInterval(timer));
    sample();
    const elapsed = (performance.now() - started) / 1000;
    const lines = [
      `Soak: ${elapsed.toFixed(0)} s, ${clients} callers, ${tally.calls} calls ` +
        `(${(tally.calls / elapsed).toFixed(0)}/s), ${tally.failed} failed; load average ` +
        `${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after.`,
      `Calls by tool: ${[...tally.byTool].map(([tool, n]) => `${tool} ${n}`).join(', ')}`,
      ...tally.failures.map((failure) => `  failed: ${failure}`),
      ...report(samples, { seconds: elapsed }),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return tally.failed === 0 ? 0 : 1;
  } finally {
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
