import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { storageFailureOf } from './storage-failure.js';
import { traceStatement } from './traced-statement.js';
import type { WriteHealth } from './write-health.js';

/** How a {@link guardDialect} driver treats its engine. */
export interface DriverGuards {
  /** Records whether writes go through, for readiness. */
  readonly health?: WriteHealth | undefined;
  /**
   * SQLite: waiting for another process's write lock. SQLite would wait inside the statement,
   * blocking the event loop, so its own busy timeout is 0 and the wait happens here, between
   * attempts, with the connection free for other queries.
   */
  readonly busy?: { readonly timeoutMs: number };
  /** The statement that opens a transaction (SQLite: `begin immediate`, so a writer never meets a stale snapshot). */
  readonly beginSql?: string;
  /** Whether the connection is still inside a transaction; a transaction the engine already rolled back (SQLite on a full disk) is not rolled back again. */
  readonly inTransaction?: () => boolean;
  /** Told when a rollback fails; the error that caused the rollback is what the caller gets. */
  readonly onRollbackFailed?: (error: Error) => void;
}

const writeStatement = /^\s*(insert|update|delete|merge|replace|commit|create|alter|drop)\b/i;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

class GuardedConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(
    readonly driver: GuardedDriver,
    public inner: DatabaseConnection,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return traceStatement(query.sql, () => this.driver.run<R>(this, query));
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** Wraps an engine's driver with the guards; see {@link guardDialect}. */
class GuardedDriver implements Driver {
  readonly #inner: Driver;
  readonly #guards: DriverGuards;

  constructor(inner: Driver, guards: DriverGuards) {
    this.#inner = inner;
    this.#guards = guards;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new GuardedConnection(this, await this.#inner.acquireConnection());
  }

  async run<R>(connection: GuardedConnection, query: CompiledQuery): Promise<QueryResult<R>> {
    const busy = this.#guards.busy;
    const deadline = performance.now() + (busy?.timeoutMs ?? 0);
    for (let pause = 2; ; pause = Math.min(pause * 2, 100)) {
      try {
        const result = await connection.inner.executeQuery<R>(query);
        if (writeStatement.test(query.sql)) this.#guards.health?.succeeded();
        return result;
      } catch (error) {
        // Inside a transaction the lock is already held, so busy means something else: the caller decides.
        if (busy === undefined || !isBusy(error) || connection.inTransaction) {
          const failure = storageFailureOf(error);
          if (failure?.kind === 'cannot_write') this.#guards.health?.failed(failure.reason);
          throw error;
        }
        if (performance.now() >= deadline) {
          throw new ServiceDeskError(
            'STORAGE_BUSY',
            `another process has held the database's write lock for over ${busy.timeoutMs} ms`,
            { cause: error },
          );
        }
        // Lets other queries of this process use the connection while the lock holder finishes.
        await this.#inner.releaseConnection(connection.inner);
        await sleep(pause * (0.5 + Math.random()));
        connection.inner = await this.#inner.acquireConnection();
      }
    }
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const guarded = connection as GuardedConnection;
    if (this.#guards.beginSql === undefined) {
      await this.#inner.beginTransaction(guarded.inner, settings);
    } else {
      await this.run(guarded, CompiledQuery.raw(this.#guards.beginSql));
    }
    guarded.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const guarded = connection as GuardedConnection;
    await this.#inner.commitTransaction(guarded.inner);
    guarded.inTransaction = false;
    this.#guards.health?.succeeded();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const guarded = connection as GuardedConnection;
    guarded.inTransaction = false;
    if (this.#guards.inTransaction?.() === false) return;
    try {
      await this.#inner.rollbackTransaction(guarded.inner);
    } catch (error) {
      // Kysely would throw this instead of the error that made it roll back, hiding the cause.
      this.#guards.onRollbackFailed?.(error as Error);
    }
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['savepoint']>>[2],
  ): Promise<void> {
    await this.#inner.savepoint?.((connection as GuardedConnection).inner, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2],
  ): Promise<void> {
    await this.#inner.rollbackToSavepoint?.((connection as GuardedConnection).inner, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2],
  ): Promise<void> {
    await this.#inner.releaseSavepoint?.((connection as GuardedConnection).inner, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection((connection as GuardedConnection).inner);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

/**
 * A Kysely dialect whose driver waits for another process's SQLite write lock without blocking
 * the event loop (then fails with STORAGE_BUSY), never lets a failed rollback hide the error that
 * caused it, and tells `health` whether writes go through.
 *
 * @example
 * new Kysely({ dialect: guardDialect(new SqliteDialect({ database }), { busy: { timeoutMs: 5000 } }) })
 */
export function guardDialect(inner: Dialect, guards: DriverGuards): Dialect {
  return {
    createDriver: () => new GuardedDriver(inner.createDriver(), guards),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
  };
}
