import type { Kysely } from 'kysely';
import type { Logger } from '../../../core/index.js';
import type { DeskTables } from '../schema/tables.js';
import { refreshRecentTicketSearch } from './recent-ticket-search.js';

/** The running upkeep of PostgreSQL's recent-ticket index; `close` waits for a rebuild under way. */
export interface RecentTicketSearchUpkeep {
  close(): Promise<void>;
}

/**
 * Checks PostgreSQL's recent-ticket index now and every `everyMs` (one small read) and rebuilds it
 * when it has grown past twice its size (ADR 0019), so a server that runs for months keeps its
 * searches as quick as on the day it started. A failed check is logged and tried again next time.
 *
 * @example
 * const upkeep = keepRecentTicketSearchFresh(db, { everyMs: 600_000, log });
 * // on shutdown
 * await upkeep.close();
 */
export function keepRecentTicketSearchFresh(
  db: Kysely<DeskTables>,
  options: { readonly everyMs: number; readonly log: Logger },
): RecentTicketSearchUpkeep {
  let running: Promise<void> | undefined;
  let closed = false;
  const check = () => {
    if (closed || running !== undefined) return;
    const started = performance.now();
    running = refreshRecentTicketSearch(db)
      .then((rebuilt) => {
        if (!rebuilt) return;
        options.log.info('rebuilt the recent-ticket search index over the newest tickets', {
          ms: Math.round(performance.now() - started),
        });
      })
      .catch((error: unknown) => {
        options.log.warn('could not rebuild the recent-ticket search index; will try again', {
          error: error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => {
        running = undefined;
      });
  };
  check();
  const timer = setInterval(check, options.everyMs);
  // The upkeep alone must not keep a process alive.
  timer.unref();
  return {
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
