import type { ControlledTransaction, Kysely } from 'kysely';
import type { DeskTables } from '../schema/tables.js';
import { retryWrite, TicketVersionConflict } from './write-transaction.js';

/** One store write at a time holds it, so a single name is enough. */
const savepointName = 'desk_write';

/**
 * A transaction opened by `desk.transaction` that the store's writes join: each write runs in a
 * savepoint of it, so a write that fails leaves nothing behind even when the caller catches its
 * error and carries on, and the caller's other work in the transaction stays.
 */
export interface SharedTransaction {
  /**
   * Runs one store write inside the transaction, all or nothing on its own. Writes run one after
   * another; a write that meets a ticket changed by a concurrent writer starts again on the fresh
   * row, as a write of its own transaction would.
   */
  write<T>(work: (trx: Kysely<DeskTables>) => Promise<T>): Promise<T>;
  /**
   * The error of a write whose savepoint could not be undone (the engine had already ended the
   * transaction, or the connection was lost): nothing more may run, and the transaction must not
   * commit. Undefined while the transaction is sound.
   */
  readonly broken: { readonly error: unknown } | undefined;
}

const ignore = (): void => undefined;

/**
 * Lets the store's writes join `trx` (see {@link SharedTransaction}).
 *
 * @example
 * const shared = shareTransaction(trx);
 * const parts = createParts({ ...context, db: trx, sharedTransaction: shared });
 */
export function shareTransaction(trx: ControlledTransaction<DeskTables>): SharedTransaction {
  let queue: Promise<void> = Promise.resolve();
  let broken: { readonly error: unknown } | undefined;

  const inSavepoint = async <T>(work: (trx: Kysely<DeskTables>) => Promise<T>): Promise<T> => {
    if (broken !== undefined) throw broken.error;
    const inner = await trx.savepoint(savepointName).execute();
    try {
      const result = await work(inner);
      await inner.releaseSavepoint(savepointName).execute();
      return result;
    } catch (error) {
      try {
        const undone = await inner.rollbackToSavepoint(savepointName).execute();
        await undone.releaseSavepoint(savepointName).execute();
      } catch {
        broken = { error };
      }
      throw error;
    }
  };

  return {
    get broken() {
      return broken;
    },
    write(work) {
      const run = queue.then(() =>
        retryWrite(
          () => inSavepoint(work),
          (error) => broken === undefined && error instanceof TicketVersionConflict,
        ),
      );
      queue = run.then(ignore, ignore);
      return run;
    },
  };
}
