import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { ToolError } from '../../../core/index.js';
import type { DeskTables } from '../schema/tables.js';
import type { DeskStoreContext } from './store-context.js';

/**
 * Thrown inside a write when the ticket's `version` moved on since it was read: another writer
 * got there first. The write starts again on the fresh row, so its change merges with theirs.
 */
export class TicketVersionConflict extends Error {
  constructor(readonly ticketId: number) {
    super(`ticket ${ticketId} changed while it was being written`);
    this.name = 'TicketVersionConflict';
  }
}

// SQLite: another connection holds the write lock, or this transaction's snapshot is stale.
// PostgreSQL: serialization failure and deadlock; both mean "run it again".
const transientCodes = new Set([
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_LOCKED',
  '40001',
  '40P01',
]);

function isTransient(error: unknown): boolean {
  if (error instanceof TicketVersionConflict) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && transientCodes.has(code);
}

/** Enough for hundreds of writers racing on one ticket; each round lets at least one through. */
const maxAttempts = 200;

/**
 * Runs `attempt` until it succeeds or fails for a reason `retryable` does not accept, after a short
 * random pause each time so the writer that won can commit. `attempt` must undo its own work when
 * it fails (a rolled-back transaction or savepoint).
 *
 * @example
 * await retryWrite(() => db.transaction().execute(work), (error) => error instanceof TicketVersionConflict);
 */
export async function retryWrite<T>(
  attempt: () => Promise<T>,
  retryable: (error: unknown) => boolean,
): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!retryable(error)) throw error;
      if (round >= maxAttempts) {
        throw new ToolError('the ticket is being changed by many callers at once; try again', {
          cause: error,
        });
      }
      await sleep(Math.random() * Math.min(2 * round, 25));
    }
  }
}

/**
 * Runs `work` in one transaction: all of its writes land, or none does. When a concurrent writer
 * wins the race (a version conflict, a busy SQLite file, a PostgreSQL serialization failure) the
 * whole transaction is rolled back and run again on fresh rows, after a short random pause so the
 * winner can commit. Inside `desk.transaction` the store's context carries the shared transaction,
 * and `work` joins it instead (see {@link DeskStoreContext.sharedTransaction}).
 *
 * @example
 * await inWriteTransaction(context, async (trx) => { ... updateTicketRow(trx, ...) ... });
 */
export async function inWriteTransaction<T>(
  context: DeskStoreContext,
  work: (trx: Kysely<DeskTables>) => Promise<T>,
): Promise<T> {
  if (context.sharedTransaction !== undefined) return context.sharedTransaction.write(work);
  return retryWrite(() => context.db.transaction().execute(work), isTransient);
}
