import type { Logger } from '../../core/index.js';
import { RunInterrupted } from './run-runbook.js';

/**
 * Runs started with mode `start`: each has its own AbortController, because it outlives the
 * request that started it. `cancel(runId)` stops one; `close()` (at shutdown) interrupts them
 * all and waits until each has recorded itself as interrupted.
 *
 * @example
 * const background = createBackgroundRuns(ctx.log);
 * background.launch(runId, (signal) => executeRun(runbook, run, { ...driver, signal }));
 */
export function createBackgroundRuns(log: Logger) {
  const active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  return Object.freeze({
    launch(runId: string, work: (signal: AbortSignal) => Promise<unknown>): void {
      const controller = new AbortController();
      const done = Promise.resolve()
        .then(() => work(controller.signal))
        .then(
          () => undefined,
          (error: unknown) => {
            log.error('a runbook run in the background failed', {
              runId,
              error: (error as Error).message,
            });
          },
        )
        .finally(() => active.delete(runId));
      active.set(runId, { controller, done });
    },

    /**
     * Stops run `runId` if it runs here in the background, cancelling its current step, and
     * waits until it has recorded itself as cancelled. False when it does not run here.
     */
    async cancel(runId: string): Promise<boolean> {
      const run = active.get(runId);
      if (run === undefined) return false;
      run.controller.abort();
      await run.done;
      return true;
    },

    /** Runs still in progress. */
    get size(): number {
      return active.size;
    },

    async close(): Promise<void> {
      const running = [...active.values()];
      for (const { controller } of running) controller.abort(new RunInterrupted());
      await Promise.allSettled(running.map(({ done }) => done));
    },
  });
}

/** @see createBackgroundRuns */
export type BackgroundRuns = ReturnType<typeof createBackgroundRuns>;
