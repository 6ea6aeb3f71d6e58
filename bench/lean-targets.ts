import { median, type ColdStarts, type MemoryReading } from './peer-report.js';
import { megabytes, verdict, type Cell } from './report.js';

/** Issue 19's targets for a `--peers` run, on the machine it runs on. */
export const leanTargets = Object.freeze({
  /** p99 of every stateless call of the server at c=64 stays under this many ms. */
  p99AtC64Ms: 10,
  /** Cold start of the minimal config (the bench config) to its first tools/list. */
  minimalColdStartMs: 250,
  /** Cold start of the full example on a set-up database. */
  exampleColdStartMs: 450,
  /** RSS of the minimal config after the memory run. */
  minimalRssBytes: 130 * 1024 * 1024,
  /** Growth of that RSS over the memory run that still counts as flat. */
  flatGrowth: 0.05,
});

/** What the verdicts read from a `--peers` run. */
export interface LeanRun {
  readonly cells: readonly Cell[];
  readonly coldStarts: readonly ColdStarts[];
  readonly memory: readonly MemoryReading[];
  /** The full example's cold starts, in ms. */
  readonly exampleRuns: readonly number[];
}

function p99Line(cells: readonly Cell[]): string {
  const served = cells.filter((cell) => cell.target === 'server' && cell.concurrency === 64);
  if (served.length === 0) return '  p99 at c=64: not measured (64 is not in BENCH_CONCURRENCY)';
  const worst = Math.max(...served.map((cell) => cell.result.p99));
  return (
    `  p99 at c=64 < ${leanTargets.p99AtC64Ms} ms: worst cell ${worst} ms ` +
    `(${served.map((cell) => `${cell.scenario} ${cell.protocolVersion} ${cell.result.p99}`).join(', ')}): ` +
    verdict(worst < leanTargets.p99AtC64Ms)
  );
}

function coldStartLines(run: LeanRun): string[] {
  const server = median(run.coldStarts.find((c) => c.target === 'server')?.times ?? []);
  const peers = run.coldStarts.filter((c) => c.target !== 'server' && c.target !== 'floor');
  const fastestPeer = Math.min(...peers.map((c) => median(c.times)));
  const example = median(run.exampleRuns);
  return [
    `  cold start, minimal config ≤ ${leanTargets.minimalColdStartMs} ms: ${server.toFixed(0)} ms: ` +
      verdict(server <= leanTargets.minimalColdStartMs),
    `  cold start, minimal config below every peer: ${server.toFixed(0)} ms, fastest peer ` +
      `${fastestPeer.toFixed(0)} ms: ${verdict(server < fastestPeer)}`,
    `  cold start, full example ≤ ${leanTargets.exampleColdStartMs} ms: ${example.toFixed(0)} ms: ` +
      verdict(example <= leanTargets.exampleColdStartMs),
  ];
}

function memoryLine(memory: readonly MemoryReading[]): string {
  const server = memory.find((m) => m.target === 'server');
  if (!server) return '  RSS of the minimal config: not measured';
  const growth = (server.afterRun - server.afterWarmup) / server.afterWarmup;
  return (
    `  RSS of the minimal config after the memory run ≤ ${megabytes(leanTargets.minimalRssBytes)} ` +
    `and flat (≤ +${leanTargets.flatGrowth * 100} %): ${megabytes(server.afterRun)}, ` +
    `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %: ` +
    verdict(server.afterRun <= leanTargets.minimalRssBytes && growth <= leanTargets.flatGrowth)
  );
}

/**
 * The verdict lines of issue 19's targets that a `--peers` run measures (throughput ratios have
 * their own lines; the store's targets are `npm run bench:store`'s).
 *
 * @example
 * lines.push(...leanTargetLines({ cells, coldStarts, memory, exampleRuns }));
 */
export function leanTargetLines(run: LeanRun): string[] {
  return [
    'Targets of a lean server:',
    p99Line(run.cells),
    ...coldStartLines(run),
    memoryLine(run.memory),
  ];
}
