/**
 * `npm run bench [-- --profile]`: the framework's stateless `tools/call`, in MCP 2025-11-25 and
 * in 2026-07-28 (no initialize, no session; ADR 0026), against the floor (a raw Koa JSON-RPC
 * handler running the same tool function), plus memory under load and cold start.
 * Exits non-zero when any response was wrong (bad body, non-2xx, connection error); the
 * performance targets are printed with a verdict. Durations: see options.ts (BENCH_* variables).
 * `--peers` runs the official SDK, the SDK v2 and fastmcp beside them instead (peers-run.ts).
 *
 * Process layout, and why: this machine has two cores and Node serves HTTP on one thread. The
 * load generator (autocannon, one thread) runs in this process and every target in a child
 * process of its own, so the target under load and the load generator each get a core; in one
 * process they would share a thread and the bench would measure their contention. The server and
 * the floor get separate processes (rather than one shared child) so each RSS is that target's
 * own, and the idle one costs the busy one nothing but memory. Cells alternate server and floor
 * so any drift of the machine affects both alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureColdStart } from './cold-start.js';
import { summarizeProfile } from './cpu-profile.js';
import type { LoadResult } from './load.js';
import { CheckedLoad, measureCell, progress } from './measure-cell.js';
import {
  coldStartLimitMs,
  memoryGrowthLimit,
  readOptions,
  targetConcurrency,
  type BenchOptions,
} from './options.js';
import { formatTable, megabytes, verdict, type Cell } from './report.js';
import { modernPingScenario, pingScenario, scenarios, type Scenario } from './scenarios.js';
import { runPeers } from './peers-run.js';
import { TargetProcess } from './target-process.js';
import { eraTargetLines, floorTargetLines } from './target-verdicts.js';

// Compiled, this file is dist/bench/run.js; the repository is two levels up.
const repoRoot = fileURLToPath(
  new URL(import.meta.url.endsWith('.js') ? '../..' : '..', import.meta.url),
);

async function measureMatrix(
  targets: readonly TargetProcess[],
  options: BenchOptions,
  load: CheckedLoad,
): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const target of targets) {
    for (const scenario of scenarios) {
      await load.run(target, scenario, {
        label: `${scenario.id} ${scenario.protocolVersion} ${target.kind} (initial warm-up)`,
        connections: targetConcurrency,
        length: { seconds: options.initialWarmupSec },
      });
    }
  }
  // A tool's two revisions run back to back at each concurrency, so the cells the era target
  // compares are seconds apart; server and floor still alternate within each.
  const tools = [...new Set(scenarios.map((scenario) => scenario.id))];
  for (const tool of tools) {
    for (const concurrency of options.concurrencies) {
      for (const scenario of scenarios.filter((s) => s.id === tool))
        await measureCells(targets, { scenario, concurrency, options }, { load, cells });
    }
  }
  return cells;
}

/** One scenario at one concurrency: warm-up and measured cell, each target in turn. */
async function measureCells(
  targets: readonly TargetProcess[],
  run: { scenario: Scenario; concurrency: number; options: BenchOptions },
  into: { load: CheckedLoad; cells: Cell[] },
): Promise<void> {
  for (const target of targets) into.cells.push(await measureCell(target, run, into.load));
}

async function measureMemory(
  server: TargetProcess,
  options: BenchOptions,
  load: CheckedLoad,
): Promise<string> {
  const run = (label: string, calls: number): Promise<LoadResult> =>
    load.run(server, pingScenario, {
      label,
      connections: targetConcurrency,
      length: { calls },
    });
  await run('memory warm-up', options.memoryWarmupCalls);
  const before = await server.stats();
  progress(`memory: ${megabytes(before.rss)} after warm-up; ${options.memoryCalls} more calls`);
  await run('memory run', options.memoryCalls);
  const after = await server.stats();
  const growth = (after.rss - before.rss) / before.rss;
  return (
    `Memory: server RSS ${megabytes(before.rss)} after warm-up (${options.memoryWarmupCalls} calls), ` +
    `${megabytes(after.rss)} after ${options.memoryCalls} more ping calls at c=${targetConcurrency} ` +
    `(${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %, limit +${memoryGrowthLimit * 100} %; ` +
    `heap ${megabytes(before.heapUsed)} → ${megabytes(after.heapUsed)}): ${verdict(growth <= memoryGrowthLimit)}`
  );
}

async function measureColdStarts(options: BenchOptions, workDir: string): Promise<string> {
  // The first start on an empty database migrates it and loads the demo desk; it is reported on
  // its own, and the timed starts are restarts on that database, as an operator's are.
  const database = join(workDir, 'cold-start.db');
  const first = await measureColdStart(repoRoot, database);
  progress(`first start (migrate and seed an empty database): ${first.toFixed(0)} ms`);
  const times: number[] = [];
  for (let i = 0; i < options.coldStarts; i++) {
    times.push(await measureColdStart(repoRoot, database));
    progress(`cold start ${i + 1}: ${times.at(-1)!.toFixed(0)} ms`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return (
    `First start on an empty database (migrations and the demo desk): ${first.toFixed(0)} ms. ` +
    `Cold start (spawn \`servicedesk-mcp serve\` → first tools/list): ` +
    `${times.map((t) => t.toFixed(0)).join(', ')} ms; median ${median.toFixed(0)} ms ` +
    `(target < ${coldStartLimitMs} ms): ${verdict(median < coldStartLimitMs)}`
  );
}

/** The calls a `--profile` run profiles: ping in each revision, to show where they differ. */
const profiledScenarios = [pingScenario, modernPingScenario];

async function profileTargets(
  targets: readonly TargetProcess[],
  options: BenchOptions,
  load: CheckedLoad,
): Promise<string[]> {
  const lines: string[] = [];
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const target of targets) {
    for (const scenario of profiledScenarios) {
      const name = `${target.kind}-ping-${scenario.protocolVersion}-c${targetConcurrency}`;
      const file = join(repoRoot, '.bench', `${name}-${stamp}.cpuprofile`);
      await target.startProfile();
      const result = await load.run(target, scenario, {
        label: `profile ${target.kind} ${scenario.protocolVersion}`,
        connections: targetConcurrency,
        length: { seconds: options.profileSec },
      });
      await target.stopProfile(file);
      lines.push(
        '',
        `CPU profile of the ${target.kind} under ping ${scenario.protocolVersion} at ` +
          `c=${targetConcurrency} (${result.reqPerSec.toFixed(0)} req/s while profiling): ${file}`,
        ...summarizeProfile(file, repoRoot).map((line) => `  ${line}`),
      );
    }
  }
  return lines;
}

/** `--peers`: the peers' report (peers-run.ts), then the same verdict on every response. */
async function mainPeers(options: BenchOptions): Promise<number> {
  const workDir = mkdtempSync(join(tmpdir(), 'servicedesk-bench-'));
  const load = new CheckedLoad();
  const started = performance.now();
  try {
    const lines = await runPeers(options, { repoRoot, workDir }, load);
    console.log(
      [
        ...lines,
        responsesLine(load),
        `Run time: ${((performance.now() - started) / 1000).toFixed(0)} s.`,
      ].join('\n'),
    );
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return load.failures.length === 0 ? 0 : 1;
}

function responsesLine(load: CheckedLoad): string {
  return load.failures.length === 0
    ? `Responses: all ${load.checked} response bodies checked and correct.`
    : `Responses: FAILED, ${load.failures.length} runs had wrong responses:\n  ${load.failures.join('\n  ')}`;
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2), process.env);
  if (options.peers) return mainPeers(options);
  // Other work on the machine skews every number; the load average puts them in context.
  const loadBefore = loadavg()[0]!;
  const workDir = mkdtempSync(join(tmpdir(), 'servicedesk-bench-'));
  const targets: TargetProcess[] = [];
  const load = new CheckedLoad();
  try {
    const coldStart = await measureColdStarts(options, workDir);
    const databaseFile = join(workDir, 'bench.db');
    // The server first: it creates and migrates the SQLite file the floor then reads.
    targets.push(await TargetProcess.start('server', databaseFile));
    targets.push(await TargetProcess.start('floor', databaseFile));
    const [server] = targets as [TargetProcess, TargetProcess];
    const cells = await measureMatrix(targets, options, load);
    const memory = await measureMemory(server, options, load);
    const profile = options.profile ? await profileTargets(targets, options, load) : [];
    const out = [
      '',
      `servicedesk-mcp bench: tools/call on the stateless \`agent\` collection, MCP 2025-11-25 and 2026-07-28; node ${process.version}, ` +
        `${cpus().length} CPUs; ${options.durationSec} s per cell after ${options.warmupSec} s warm-up; ` +
        `1-minute load average ${loadBefore.toFixed(2)} before the run, ${loadavg()[0]!.toFixed(2)} after`,
      '',
      ...formatTable(cells),
      'CPU: share of one core during the cell; a load generator near 100 % would mean it, not the',
      'target, set the pace. CPU µs/req is what one call costs the target, even on a busy machine.',
      'Latencies are whole milliseconds (autocannon).',
      '',
      ...floorTargetLines(cells),
      ...eraTargetLines(cells),
      memory,
      coldStart,
      responsesLine(load),
      ...profile,
    ];
    console.log(out.join('\n'));
  } finally {
    for (const target of targets) await target.stop().catch(() => target.kill());
    rmSync(workDir, { recursive: true, force: true });
  }
  return load.failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
