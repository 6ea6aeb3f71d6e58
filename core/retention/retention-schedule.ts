import type { Logger } from '../log/logger.js';
import { pruneByAge, type PruneOptions, type PruneOutcome } from './prune-by-age.js';

/** A running schedule; `stop()` ends it and waits for a prune under way. */
export interface RetentionSchedule {
  stop(): Promise<void>;
}

/** What {@link startRetentionSchedule} needs besides the prune's own options. */
export interface RetentionScheduleOptions extends Omit<PruneOptions, 'dryRun' | 'now' | 'signal'> {
  readonly log: Logger;
  /** Delay before the first prune, off the start path; default one minute. */
  readonly firstDelayMs?: number;
  /** Told after each run (for tests and metrics). */
  readonly onRun?: (outcome: PruneOutcome) => void;
}

/**
 * One summary line per run: each kind with its rows deleted.
 *
 * @example
 * pruneSummary(outcome) // 'audit 120, oauth.tokens 4, runbooks.runs off'
 */
export function pruneSummary(outcome: PruneOutcome): string {
  return outcome.kinds
    .map((k) => `${k.kind} ${k.keepDays === 'off' ? 'off' : String(k.rows)}`)
    .join(', ');
}

/**
 * Prunes by age every `settings.intervalMinutes` while `serve` runs (nothing when `'off'`): the
 * first run a minute after start, then one after another with the interval between them, on an
 * `unref`'d timer; `stop()` ends a run under way after its current batch. A failure is logged and the next run tried; it never ends the server.
 *
 * @example
 * const schedule = startRetentionSchedule({ db, engine, kinds, settings, log });
 * await schedule.stop();
 */
export function startRetentionSchedule(options: RetentionScheduleOptions): RetentionSchedule {
  const interval = options.settings.intervalMinutes;
  if (interval === 'off') return { stop: () => Promise.resolve() };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  // Shutdown ends a long prune between two batches instead of waiting for all of them.
  const stopping = new AbortController();
  const { log } = options;
  const run = async (): Promise<void> => {
    try {
      const outcome = await pruneByAge({ ...options, signal: stopping.signal });
      if (outcome.skipped) log.info('retention: skipped, another instance is pruning');
      else log.info(`retention: pruned ${pruneSummary(outcome)}`);
      options.onRun?.(outcome);
    } catch (error) {
      log.warn('retention: pruning failed; the next run tries again', {
        error: (error as Error).message,
      });
    }
  };
  const schedule = (delayMs: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().then(() => schedule(interval * 60_000));
    }, delayMs);
    timer.unref();
  };
  schedule(options.firstDelayMs ?? 60_000);
  return {
    async stop() {
      stopped = true;
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
