import type { AuditEntry } from '../audit/audit-log.js';
import type { GaugeSample, ServerMetrics } from './server-metrics.js';

/** What a PostgreSQL pool reports about its connections at a scrape. */
export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

/** What the database layer tells the metrics (see `DatabaseObservers.metrics`). */
export interface DatabaseMetrics {
  /** How long a statement waited for a free connection, in ms. */
  waited(ms: number): void;
  /** Lets scrapes read the pool's connection counts. */
  pool(read: () => PoolStats): void;
}

/** What the core records into its series (see {@link coreMetrics}). */
export interface CoreMetrics {
  /** Counts a call, and times it, from its audit entry. */
  readonly callEnded: (entry: AuditEntry) => void;
  /** Counts a 401 by its reason (the error code). */
  readonly authRefused: (reason: string) => void;
  readonly database: DatabaseMetrics;
}

/** Upper bounds, in seconds, of a tool call's duration buckets. */
export const callDurationBuckets = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
] as const;
/** Upper bounds, in seconds, of the wait for a database connection. */
export const poolWaitBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5] as const;

/**
 * The core's series (docs/deployment.md): tool calls by collection, tool and outcome
 * with their duration, refused authentication by reason, rate-limited calls, and the database
 * pool. Calls are counted where their audit row is recorded, since every call has exactly one.
 *
 * @example
 * const core = coreMetrics(new ServerMetrics({ enabled: true }));
 * core.callEnded(entry);
 */
export function coreMetrics(metrics: ServerMetrics): CoreMetrics {
  const calls = metrics.counter({
    name: 'tool_calls_total',
    help: 'Tool calls by collection, tool and outcome (the audit outcome)',
    labelNames: ['collection', 'tool', 'outcome'],
  });
  const duration = metrics.histogram({
    name: 'tool_call_duration_seconds',
    help: 'Tool call duration in seconds, as audited',
    labelNames: ['collection', 'tool'],
    buckets: callDurationBuckets,
  });
  const rateLimited = metrics.counter({
    name: 'rate_limited_calls_total',
    help: 'Tool calls refused by a rate limit, by collection and tool',
    labelNames: ['collection', 'tool'],
  });
  const authFailures = metrics.counter({
    name: 'auth_failures_total',
    help: 'Requests refused with 401, by reason (the error code)',
    labelNames: ['reason'],
  });
  const poolWait = metrics.histogram({
    name: 'db_pool_wait_seconds',
    help: 'Time a statement waited for a PostgreSQL connection, in seconds',
    buckets: poolWaitBuckets,
  });
  let readPool: (() => PoolStats) | undefined;
  metrics.gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections by state: total, idle, and callers waiting for one',
    labelNames: ['state'],
    collect: (): GaugeSample[] => {
      if (readPool === undefined) return [];
      const stats = readPool();
      return (['total', 'idle', 'waiting'] as const).map((state) => ({
        labels: { state },
        value: stats[state],
      }));
    },
  });
  const bySeries = new Map<
    string,
    {
      readonly call: { inc(): void };
      readonly duration: { observe(value: number): void };
      readonly rateLimited: { inc(): void } | undefined;
    }
  >();
  const database: DatabaseMetrics = {
    waited: (ms) => poolWait.observe({}, ms / 1000),
    pool: (read) => {
      readPool = read;
    },
  };
  return {
    callEnded: (entry) => {
      // A name no tool has is the caller's text: one series for all of them, or a caller could
      // grow the series (and this map) without bound.
      const tool = entry.errorCode === 'TOOL_NOT_FOUND' ? '(not found)' : entry.tool;
      // Every call counts here: each series' labels are checked once, on its first call.
      const key = `${entry.collectionId}\u0000${tool}\u0000${entry.outcome}`;
      let series = bySeries.get(key);
      if (series === undefined) {
        const where = { collection: entry.collectionId, tool };
        series = {
          call: calls.bind({ ...where, outcome: entry.outcome }),
          duration: duration.bind(where),
          rateLimited: entry.outcome === 'rate_limited' ? rateLimited.bind(where) : undefined,
        };
        bySeries.set(key, series);
      }
      series.call.inc();
      series.duration.observe(entry.durationMs / 1000);
      series.rateLimited?.inc();
    },
    authRefused: (reason) => authFailures.inc({ reason }),
    database,
  };
}
