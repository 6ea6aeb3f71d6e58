import type { Logger } from '../../core/index.js';
import type { RunStore } from './run-store.js';

/** How often runs executing here say they are alive, and when a silent one counts as dead. */
export interface RunLivenessOptions {
  readonly heartbeatMs: number;
  /** A run whose last heartbeat is older than this was left by a server that stopped. */
  readonly staleAfterMs: number;
  readonly log: Logger;
  /** False for a command's server: it beats for its own runs but judges no one else's. */
  readonly sweep: boolean;
}

/**
 * Heartbeats for the runs executing on this server, and a sweep of runs left `running` by a
 * server that stopped without recording their end (a crash, a killed process): several servers
 * may share the database, so a run is judged by its heartbeat, not by whether it runs here. The
 * sweep runs at start and with every heartbeat; a swept run is stored `interrupted`.
 *
 * @example
 * const liveness = createRunLiveness(store, { heartbeatMs: 30_000, staleAfterMs: 120_000, log, sweep: true });
 * await liveness.track(runId, () => executeRun(runbook, run, driver));
 */
export function createRunLiveness(store: RunStore, options: RunLivenessOptions) {
  const live = new Set<string>();
  let ticking: Promise<void> | undefined;
  const tick = () => {
    if (ticking !== undefined) return;
    ticking = (async () => {
      await store.beat([...live]);
      if (!options.sweep) return;
      const stale = new Date(Date.now() - options.staleAfterMs).toISOString();
      const swept = await store.sweepStale(stale);
      if (swept.length > 0) {
        options.log.warn('marked runbook runs left running by a stopped server as interrupted', {
          runs: swept,
        });
      }
    })()
      .catch((error: unknown) => {
        options.log.warn('could not check the runbook runs in progress; will try again', {
          error: error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => {
        ticking = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, options.heartbeatMs);
  // Heartbeats alone must not keep a process alive.
  timer.unref();
  return Object.freeze({
    /** Runs `work` (the run's execution) with run `runId` counted as alive meanwhile. */
    async track<T>(runId: string, work: () => Promise<T>): Promise<T> {
      live.add(runId);
      try {
        return await work();
      } finally {
        live.delete(runId);
      }
    },

    async close(): Promise<void> {
      clearInterval(timer);
      await ticking;
    },
  });
}

/** @see createRunLiveness */
export type RunLiveness = ReturnType<typeof createRunLiveness>;
