import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { measureColdStart } from './cold-start.js';
import { measureCell, progress, type CheckedLoad } from './measure-cell.js';
import { targetConcurrency, type BenchOptions } from './options.js';
import {
  median,
  peerCellTable,
  peerStartTable,
  times,
  type ColdStarts,
  type MemoryReading,
} from './peer-report.js';
import { listsTools, openSession, scenariosFor } from './peer-scenarios.js';
import { megabytes, type Cell } from './report.js';
import { scenarios } from './scenarios.js';
import { serveExample } from './serve-example.js';
import { TargetProcess } from './target-process.js';
import { peerKinds, type TargetKind } from './target-protocol.js';
import { eraTargetLines, floorTargetLines } from './target-verdicts.js';
import { leanTargetLines } from './lean-targets.js';

const giveUpMs = 20_000;

/** Where a `--peers` run works: the repository (for `serve`) and a scratch folder. */
export interface PeerRunPlace {
  readonly repoRoot: string;
  readonly workDir: string;
}

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > giveUpMs)
      throw new Error(`${what} did not succeed within ${giveUpMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Spawn `servicedesk-mcp serve` with the bench config → first tools/list listing ping. */
async function serverColdStart(place: PeerRunPlace, databaseFile: string): Promise<number> {
  const started = performance.now();
  const config = join(place.repoRoot, 'dist', 'bench', 'bench.config.js');
  const server = await serveExample({ ...place, databaseUrl: databaseFile, config });
  try {
    const url = server.collections.get('Agent Functions');
    if (url === undefined) throw new Error('serve printed no Agent Functions URL');
    await waitUntil(() => listsTools(url, 'ping'), 'tools/list on the bench config');
    return performance.now() - started;
  } finally {
    await server.stop();
  }
}

/** Fork the target process → first tools/list (after initialize, for the stateful peer). */
async function targetColdStart(kind: TargetKind, databaseFile: string): Promise<number> {
  const started = performance.now();
  const target = await TargetProcess.start(kind, databaseFile);
  try {
    const session = kind === 'sdk-stateful' ? await openSession(target.url) : undefined;
    await waitUntil(() => listsTools(target.url, 'ping', session), `tools/list on ${kind}`);
    return performance.now() - started;
  } finally {
    await target.stop().catch(() => target.kill());
  }
}

async function measureColdStarts(
  kinds: readonly TargetKind[],
  place: PeerRunPlace & { databaseFile: string; count: number },
): Promise<ColdStarts[]> {
  const results: ColdStarts[] = [];
  for (const kind of kinds) {
    const runs: number[] = [];
    for (let i = 0; i < place.count; i++)
      runs.push(
        kind === 'server'
          ? await serverColdStart(place, place.databaseFile)
          : await targetColdStart(kind, place.databaseFile),
      );
    progress(`cold start ${kind}: ${runs.map((t) => t.toFixed(0)).join(', ')} ms`);
    results.push({ target: kind, times: runs });
  }
  return results;
}

/** A process's RSS in kB from Linux's procfs (`serve` answers no stats request), else NaN. */
function residentKilobytes(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

/** The example desk: first start, cold starts, and its RSS once it has answered tools/list. */
async function measureExample(
  place: PeerRunPlace,
  count: number,
): Promise<{ first: number; runs: number[]; rss: number }> {
  const databaseFile = join(place.workDir, 'example.db');
  const first = await measureColdStart(place.repoRoot, databaseFile);
  const runs: number[] = [];
  for (let i = 0; i < count; i++) runs.push(await measureColdStart(place.repoRoot, databaseFile));
  const server = await serveExample({ ...place, databaseUrl: databaseFile, logLevel: 'silent' });
  try {
    const url = server.collections.get('Agent Functions')!;
    await waitUntil(() => listsTools(url, 'get_ticket'), 'tools/list on the example');
    const rssKb = residentKilobytes(server.child.pid);
    progress(`example: cold start ${runs.map((t) => t.toFixed(0)).join(', ')} ms`);
    return { first, runs, rss: rssKb * 1024 };
  } finally {
    await server.stop();
  }
}

async function measureMemory(
  target: TargetProcess,
  scenarioFor: typeof scenariosFor,
  run: { options: BenchOptions; load: CheckedLoad; sessionId: string | undefined },
): Promise<MemoryReading> {
  const atStart = (await target.stats()).rss;
  const [ping] = scenarioFor(target.kind, run.sessionId);
  const calls = async (label: string, count: number) =>
    run.load.run(target, ping!, {
      label: `memory ${label} ${target.kind}`,
      connections: targetConcurrency,
      length: { calls: count },
    });
  await calls('warm-up', run.options.memoryWarmupCalls);
  const afterWarmup = (await target.stats()).rss;
  await calls('run', run.options.memoryCalls);
  const afterRun = (await target.stats()).rss;
  progress(`memory ${target.kind}: ${megabytes(afterWarmup)} → ${megabytes(afterRun)}`);
  return { target: target.kind, atStart, afterWarmup, afterRun };
}

/**
 * `npm run bench -- --peers`: the framework's server, the floor and the peers (bench/peers/),
 * each in its own process on the same SQLite file running the same tool handlers, measured in
 * one run: throughput and latency per scenario and concurrency, CPU per call, cold start and
 * RSS, every figure beside its ratio to the floor; then the example desk's cold start and RSS.
 * Resolves with the report's lines; wrong responses are in `load.failures`.
 *
 * @example
 * const lines = await runPeers(options, { repoRoot, workDir }, new CheckedLoad());
 */
export async function runPeers(
  options: BenchOptions,
  place: PeerRunPlace,
  load: CheckedLoad,
): Promise<string[]> {
  const loadBefore = loadavg()[0]!;
  const databaseFile = join(place.workDir, 'bench.db');
  const kinds: readonly TargetKind[] = ['server', 'floor', ...peerKinds];
  const targets: TargetProcess[] = [];
  try {
    // The server first: it creates and migrates the SQLite file every other target reads.
    targets.push(await TargetProcess.start('server', databaseFile));
    const coldStarts = await measureColdStarts(kinds, {
      ...place,
      databaseFile,
      count: options.coldStarts,
    });
    for (const kind of kinds.slice(1)) targets.push(await TargetProcess.start(kind, databaseFile));
    const sessions = new Map<TargetKind, string>();
    for (const target of targets)
      if (target.kind === 'sdk-stateful') sessions.set(target.kind, await openSession(target.url));
    const scenariosOf = (target: TargetProcess) =>
      scenariosFor(target.kind, sessions.get(target.kind));
    for (const target of targets)
      for (const scenario of scenariosOf(target))
        await load.run(target, scenario, {
          label: `${scenario.id} ${scenario.protocolVersion} ${target.kind} (initial warm-up)`,
          connections: targetConcurrency,
          length: { seconds: options.initialWarmupSec },
        });
    const cells: Cell[] = [];
    // Cell by cell, every target in turn, so any drift of the machine touches them alike.
    for (const base of scenarios)
      for (const concurrency of options.concurrencies)
        for (const target of targets) {
          const scenario = scenariosOf(target).find(
            (s) => s.id === base.id && s.protocolVersion === base.protocolVersion,
          );
          if (scenario)
            cells.push(await measureCell(target, { scenario, concurrency, options }, load));
        }
    const memory: MemoryReading[] = [];
    for (const target of targets)
      memory.push(
        await measureMemory(target, scenariosFor, {
          options,
          load,
          sessionId: sessions.get(target.kind),
        }),
      );
    const example = await measureExample(place, options.coldStarts);
    const floorStart = median(coldStarts.find((c) => c.target === 'floor')?.times ?? []);
    const floorRss = memory.find((m) => m.target === 'floor')?.atStart;
    return [
      '',
      `servicedesk-mcp bench --peers: tools/call of ping and get_announcement on the same SQLite ` +
        `file; node ${process.version}, ${cpus().length} CPUs; ${options.durationSec} s per cell ` +
        `after ${options.warmupSec} s warm-up; 1-minute load average ${loadBefore.toFixed(2)} ` +
        `before, ${loadavg()[0]!.toFixed(2)} after`,
      'Targets: server = this framework (bench config, stateless agent collection); floor = raw ' +
        'Koa JSON-RPC; sdk-stateless / sdk-stateful = @modelcontextprotocol/sdk 1.x Streamable ' +
        'HTTP (new server+transport per request / one initialized session, unique request ids); ' +
        'sdk-v2 = @modelcontextprotocol/server 2.x createMcpHandler (2025-11-25 via its stateless ' +
        'legacy fallback, SSE); fastmcp = punkpeye/fastmcp httpStream stateless. JSON responses ' +
        'wherever the library offers them. ×floor: the target over the floor (req/s: higher is ' +
        'better; p99, CPU, RSS, cold start: lower is better).',
      '',
      ...peerCellTable(cells),
      '',
      `Cold start (spawn → first successful tools/list; server: \`servicedesk-mcp serve --config ` +
        `dist/bench/bench.config.js\`, others: fork of the target process; median of ` +
        `${options.coldStarts}) and RSS (at start, after ${options.memoryWarmupCalls} ping calls, ` +
        `after ${options.memoryCalls} more at c=${targetConcurrency}):`,
      ...peerStartTable(coldStarts, memory, options.memoryCalls),
      '',
      'Full example (examples/servicedesk; it has no ping on its agent collection, so no ' +
        'throughput cell):',
      `  first start on an empty database (migrations, demo desk) ${example.first.toFixed(0)} ms; ` +
        `cold start ${median(example.runs).toFixed(0)} ms ` +
        `(${example.runs.map((t) => t.toFixed(0)).join(', ')}), ${times(median(example.runs), floorStart)} floor`,
      `  RSS after its first tools/list ${megabytes(example.rss)}, ${times(example.rss, floorRss)} ` +
        'the floor’s RSS at start',
      '',
      ...floorTargetLines(cells),
      ...eraTargetLines(cells),
      ...leanTargetLines({ cells, coldStarts, memory, exampleRuns: example.runs }),
    ];
  } finally {
    for (const target of targets) await target.stop().catch(() => target.kill());
  }
}
