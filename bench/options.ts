/** Everything a bench run can be told, from `--flags` and `BENCH_*` environment variables. */
export interface BenchOptions {
  /** Seconds each measured cell runs (`BENCH_DURATION`, default 5). */
  readonly durationSec: number;
  /** Seconds of unmeasured load before each cell (`BENCH_WARMUP`, default 1). */
  readonly warmupSec: number;
  /**
   * Seconds of unmeasured load per target and scenario before the first cell, so the JIT has
   * settled before anything is measured (`BENCH_INITIAL_WARMUP`, default 3).
   */
  readonly initialWarmupSec: number;
  /** Concurrency levels (`BENCH_CONCURRENCY`, default `1,16,64`). */
  readonly concurrencies: readonly number[];
  /** Calls before the first memory reading (`BENCH_MEMORY_WARMUP_CALLS`, default 20 000). */
  readonly memoryWarmupCalls: number;
  /** Calls between the two memory readings (`BENCH_MEMORY_CALLS`, default 100 000). */
  readonly memoryCalls: number;
  /** Cold starts to time (`BENCH_COLD_STARTS`, default 3). */
  readonly coldStarts: number;
  /**
   * `--profile`: take CPU profiles of the server (and the floor) under ping load at c=16, one per
   * protocol revision.
   */
  readonly profile: boolean;
  /**
   * `--peers`: run the official SDK (stateless and stateful), the SDK v2 and fastmcp beside the
   * server and the floor, every figure as a ratio to the floor (peers-run.ts).
   */
  readonly peers: boolean;
  /** Seconds the profiled load runs (`BENCH_PROFILE_DURATION`, default the cell duration). */
  readonly profileSec: number;
}

/** The concurrency the throughput target is judged at. */
export const targetConcurrency = 16;
/** Stateless `tools/call` must reach this share of the floor's throughput at c=16 (issue 19). */
export const targetRatio = 0.6;
/** RSS after the memory run may exceed RSS after warm-up by at most this share. */
export const memoryGrowthLimit = 0.2;
/** Cold start to the first `tools/list` must be under this many milliseconds. */
export const coldStartLimitMs = 1000;

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function concurrencyList(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return [1, targetConcurrency, 64];
  const levels = raw.split(',').map((part) => Number(part.trim()));
  if (levels.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(
      `BENCH_CONCURRENCY must be a comma-separated list of integers ≥ 1, got "${raw}"`,
    );
  return levels;
}

/** Reads the options; unknown flags are an error so a typo does not silently run the default. */
export function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const unknown = argv.filter((arg) => arg !== '--profile' && arg !== '--peers');
  if (unknown.length > 0)
    throw new Error(`unknown argument ${unknown.join(' ')}; the flags are --profile and --peers`);
  const durationSec = positiveNumber(env, 'BENCH_DURATION', 5);
  return Object.freeze({
    durationSec,
    warmupSec: positiveNumber(env, 'BENCH_WARMUP', 1),
    initialWarmupSec: positiveNumber(env, 'BENCH_INITIAL_WARMUP', 3),
    concurrencies: concurrencyList(env['BENCH_CONCURRENCY']),
    memoryWarmupCalls: Math.round(positiveNumber(env, 'BENCH_MEMORY_WARMUP_CALLS', 20_000)),
    memoryCalls: Math.round(positiveNumber(env, 'BENCH_MEMORY_CALLS', 100_000)),
    coldStarts: Math.round(positiveNumber(env, 'BENCH_COLD_STARTS', 3)),
    profile: argv.includes('--profile'),
    peers: argv.includes('--peers'),
    profileSec: positiveNumber(env, 'BENCH_PROFILE_DURATION', durationSec),
  });
}

/**
 * A positive number from environment variable `name`, or `fallback` when it is unset; anything
 * else stops the bench naming the variable.
 *
 * @example
 * const seconds = positiveFromEnv('BENCH_SOAK_SECONDS', 600);
 */
export function positiveFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}
