import { sql, type KyselyPlugin } from 'kysely';
import { ServiceDeskError, type Database } from '../../../core/index.js';
import type { DeskStoreParts } from './desk-store.js';
import { shareTransaction } from './shared-transaction.js';
import type { DeskStoreContext } from './store-context.js';

/**
 * What the callback of `desk.transaction` works with: the desk store and the plugin's own tables,
 * both inside one database transaction that commits when the callback returns and rolls back
 * when it throws. Use it only while the callback runs; afterwards every call throws
 * `STORAGE_TRANSACTION_CLOSED`.
 *
 * @example
 * const page = await desk.transaction(async (tx) => {
 *   const page = await tx.db.withTables<NocTables>().insertInto('noc_pages').values(row)
 *     .returningAll().executeTakeFirstOrThrow();
 *   await tx.desk.tickets.addNote(ctx.principal, { ticketId, body, visibility: 'private' });
 *   return page;
 * });
 */
export interface DeskTransaction {
  /**
   * The desk store's parts, every read and write inside the transaction. Each write is all or
   * nothing on its own (a savepoint), so one that fails leaves nothing behind even if the
   * callback catches its error; await each call before the next.
   */
  readonly desk: DeskStoreParts;
  /** The transaction for the plugin's own tables: `tx.db.withTables<MyTables>()`, as with `ctx.db`. */
  readonly db: Database;
}

/** Where a transaction is: running its callback, finishing the calls still under way, ended. */
type Stage = 'open' | 'settling' | 'ended';

function closedError(what: string): ServiceDeskError {
  return new ServiceDeskError(
    'STORAGE_TRANSACTION_CLOSED',
    `${what} after the desk.transaction callback had returned: the transaction is over ` +
      '(committed or rolled back). Make every tx call inside the callback and await it there',
  );
}

/** A Kysely plugin that stops, before it is sent, every query `refusal` gives an error for. */
function refuseQueries(refusal: () => { readonly error: unknown } | undefined): KyselyPlugin {
  return {
    transformQuery(args) {
      const refused = refusal();
      if (refused !== undefined) throw refused.error;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
}

type Call = <R>(name: string, run: () => Promise<R>) => Promise<R>;

/** `part` with every method passed through `call`, named `<partName>.<method>`. */
function throughCall<T extends object>(part: T, call: Call, partName: string): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(part)) {
    guarded[name] =
      typeof member === 'function'
        ? (...args: unknown[]) =>
            call(`${partName}.${name}`, () =>
              Promise.resolve((member as (...a: unknown[]) => unknown).apply(part, args)),
            )
        : member;
  }
  return Object.freeze(guarded) as T;
}

function guardParts(parts: DeskStoreParts, call: Call): DeskStoreParts {
  return Object.freeze({
    catalogue: throughCall(parts.catalogue, call, 'catalogue'),
    directory: throughCall(parts.directory, call, 'directory'),
    knowledge: throughCall(parts.knowledge, call, 'knowledge'),
    search: throughCall(parts.search, call, 'search'),
    sla: throughCall(parts.sla, call, 'sla'),
    tickets: throughCall(parts.tickets, call, 'tickets'),
  } satisfies DeskStoreParts);
}

/** What {@link runDeskTransaction} runs: the parts to bind, and the caller's work. */
export interface DeskTransactionRequest<T> {
  /** Builds the store's parts over a context; called once, with the transaction's context. */
  readonly build: (context: DeskStoreContext) => DeskStoreParts;
  readonly work: (tx: DeskTransaction) => Promise<T>;
}

/**
 * Runs `request.work` in one transaction of `context.db` (SQLite: `begin immediate`, so it waits
 * for no lock once started). The store's writes made through `tx.desk` join it in savepoints; the
 * plugin's queries through `tx.db` run in it directly. When the callback returns, the calls it
 * started are awaited and the transaction commits; when it throws (or a write broke the
 * transaction) it rolls back and that error propagates unchanged. The callback runs once: nothing
 * is retried, since it may hold work the store cannot repeat.
 *
 * @example
 * transaction: (work) => runDeskTransaction(context, { build: createDeskStoreParts, work }),
 */
export async function runDeskTransaction<T>(
  context: DeskStoreContext,
  request: DeskTransactionRequest<T>,
): Promise<T> {
  const trx = await context.db.startTransaction().execute();
  let stage: Stage = 'open';
  const pending = new Set<Promise<unknown>>();
  const storeTrx = trx.withPlugin(
    refuseQueries(() =>
      stage === 'ended' ? { error: closedError('a desk query ran') } : shared.broken,
    ),
  );
  const shared = shareTransaction(storeTrx);
  const call: Call = (name, run) => {
    if (stage !== 'open') return Promise.reject(closedError(`tx.desk.${name} was called`));
    const result = run();
    pending.add(result);
    const done = () => pending.delete(result);
    void result.then(done, done);
    return result;
  };
  // The same transaction; only the table types differ: the plugin names its own with withTables.
  const pluginDb = trx.withPlugin(
    refuseQueries(() =>
      stage !== 'open' ? { error: closedError('a query through tx.db ran') } : shared.broken,
    ),
  ) as unknown as Database;
  let outcome: { readonly value: T } | { readonly error: unknown };
  try {
    // Without the store's principal cache: a read here may see this transaction's own writes.
    const parts = request.build({
      ...context,
      db: storeTrx,
      sharedTransaction: shared,
      principals: undefined,
    });
    outcome = {
      value: await request.work(Object.freeze({ desk: guardParts(parts, call), db: pluginDb })),
    };
  } catch (error) {
    outcome = { error };
  }
  stage = 'settling';
  // A call the callback did not await must finish inside the transaction, never half-committed.
  await Promise.allSettled(pending);
  stage = 'ended';
  if ('error' in outcome) {
    await rollBack(trx);
    throw outcome.error;
  }
  if (shared.broken !== undefined) {
    await rollBack(trx);
    throw shared.broken.error;
  }
  try {
    // PostgreSQL answers COMMIT in a transaction a failed statement aborted (one the callback
    // caught) with a silent rollback; asking first turns that into the error it is.
    if (context.engine === 'postgres') await sql`select 1`.execute(trx);
    await trx.commit().execute();
  } catch (error) {
    await rollBack(trx);
    throw error;
  }
  // tx.db may have written the users the cache holds; a rolled-back transaction changed nothing.
  context.principals?.clear();
  return outcome.value;
}

/** Rolls back, never letting a failed rollback hide the error that caused it. */
async function rollBack(trx: { rollback(): { execute(): Promise<void> } }): Promise<void> {
  try {
    await trx.rollback().execute();
  } catch {
    // The connection is released either way; the caller's error is the one that matters.
  }
}
