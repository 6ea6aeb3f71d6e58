import { performance } from 'node:perf_hooks';

/** Latency figures of one operation, in milliseconds. */
export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly iterations: number;
}

/** The value at quantile `q` (0–1) of ascending `sorted`, by the nearest-rank method. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Summarises durations (ms) into p50, p99 and mean. */
export function summarise(durations: readonly number[]): LatencySummary {
  const sorted = [...durations].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
    iterations: sorted.length,
  };
}

/** How long {@link measure} warms an operation up and how many calls it then times. */
export interface MeasureOptions {
  /** At least this many unmeasured calls… */
  readonly warmup: number;
  /** …and for at least this long (ms), so a fast operation warms up as long as a slow one. */
  readonly warmupMs: number;
  readonly iterations: number;
}

/**
 * Runs `operation(i)` unmeasured for at least `warmup` calls and `warmupMs` (so the JIT, the
 * statement cache and the database's page cache settle: a ticket by id takes a fifth of a
 * millisecond, and 200 calls of it are over before V8 has optimised the query builder), then
 * `iterations` times one after another, timing each call.
 *
 * @example
 * const { p99 } = await measure(() => desk.tickets.get(agent, 1), { warmup: 200, warmupMs: 1000, iterations: 2000 });
 */
export async function measure(
  operation: (iteration: number) => Promise<unknown>,
  options: MeasureOptions,
): Promise<LatencySummary> {
  const warmupEnds = performance.now() + options.warmupMs;
  let iteration = 0;
  while (iteration < options.warmup || performance.now() < warmupEnds) await operation(iteration++);
  const durations: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const started = performance.now();
    await operation(iteration++);
    durations.push(performance.now() - started);
  }
  return summarise(durations);
}
