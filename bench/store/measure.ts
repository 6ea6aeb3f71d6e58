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

/**
 * Runs `operation(i)` `warmup` times unmeasured (so the JIT, statement caches and the database's
 * page cache settle), then `iterations` times one after another, timing each call.
 */
export async function measure(
  operation: (iteration: number) => Promise<unknown>,
  options: { readonly warmup: number; readonly iterations: number },
): Promise<LatencySummary> {
  for (let i = 0; i < options.warmup; i++) await operation(i);
  const durations: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const started = performance.now();
    await operation(options.warmup + i);
    durations.push(performance.now() - started);
  }
  return summarise(durations);
}
