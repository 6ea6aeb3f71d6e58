import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { guardDialect } from './guarded-dialect.js';
import { openPostgresPool } from './postgres-pool.js';
import { withStatementCache } from './statement-cache.js';
import type { WriteHealth } from './write-health.js';
import type { DatabaseMetrics } from '../metrics/core-metrics.js';

/**
 * The database handle plugins receive. Plugins describe their own tables and narrow it with
 * `db.withTables<MyTables>()`; the core knows no table but its own.
 */
export type Database = Kysely<object>;

/** Which engine a database URL selects. */
export type DatabaseEngine = 'sqlite' | 'postgres';

/** How long the database may make a call wait, and (PostgreSQL) how many connections it gets. */
export interface DatabaseLimits {
  /** PostgreSQL connections in the pool (default 10); keep it under the server's `max_connections`. */
  readonly poolMax: number;
  /** PostgreSQL: how long opening a connection or waiting for a free one may take, in ms (default 5 000). */
  readonly connectTimeoutMs: number;
  /** PostgreSQL: how long one statement may run, in ms (default 10 000; 0 = no limit). */
  readonly statementTimeoutMs: number;
  /** How long a write waits for a lock another caller holds, in ms (default 5 000). */
  readonly lockTimeoutMs: number;
}

/** Parsed storage settings. */
export interface StorageConfig extends DatabaseLimits {
  readonly engine: DatabaseEngine;
  /** A `postgres://` URL or a SQLite file path (`:memory:` for tests). */
  readonly url: string;
}

/** The default SQLite file, relative to the working directory. */
export const defaultDatabaseUrl = './data/servicedesk.db';

/** The limits a server runs with unless configured otherwise. */
export const defaultDatabaseLimits: DatabaseLimits = Object.freeze({
  poolMax: 10,
  connectTimeoutMs: 5000,
  statementTimeoutMs: 10_000,
  lockTimeoutMs: 5000,
});

/**
 * Reads `DATABASE_URL`: a `postgres://` or `postgresql://` URL selects PostgreSQL, anything else
 * is a SQLite file path (`sqlite:` prefix optional).
 *
 * @example
 * storageFromUrl(process.env.DATABASE_URL) // { engine: 'sqlite', url: './data/servicedesk.db', … }
 */
export function storageFromUrl(
  url: string | undefined,
  limits: DatabaseLimits = defaultDatabaseLimits,
): StorageConfig {
  const value = url === undefined || url.trim() === '' ? defaultDatabaseUrl : url.trim();
  if (/^postgres(ql)?:\/\//i.test(value))
    return Object.freeze({ ...limits, engine: 'postgres', url: value });
  return Object.freeze({ ...limits, engine: 'sqlite', url: value.replace(/^sqlite:(\/\/)?/i, '') });
}

/** What the server wants to hear from the database while it runs. */
export interface DatabaseObservers {
  /** A connection died (restart, killed backend); the pool opens another when needed. */
  readonly onConnectionError?: (error: Error) => void;
  /** A rollback failed after another error; that other error is the one thrown. */
  readonly onRollbackFailed?: (error: Error) => void;
  /** Told whether writes go through. */
  readonly health?: WriteHealth;
  /** Told how long statements wait for a PostgreSQL connection, and how to read the pool. */
  readonly metrics?: DatabaseMetrics;
}

async function openSqlite(storage: StorageConfig, observers: DatabaseObservers) {
  const { default: SqliteDatabase } = await import('better-sqlite3');
  if (storage.url !== ':memory:') mkdirSync(dirname(storage.url), { recursive: true });
  const sqlite = new SqliteDatabase(storage.url);
  // Opening may meet another process's lock; waiting here is fine, nothing is served yet.
  sqlite.pragma(`busy_timeout = ${storage.lockTimeoutMs}`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // From now on SQLite must never wait inside a statement: that wait would stop the event loop.
  // The guarded driver waits between attempts instead.
  sqlite.pragma('busy_timeout = 0');
  return new Kysely<object>({
    dialect: guardDialect(new SqliteDialect({ database: withStatementCache(sqlite) }), {
      health: observers.health,
      busy: { timeoutMs: storage.lockTimeoutMs },
      beginSql: 'begin immediate',
      inTransaction: () => sqlite.open && sqlite.inTransaction,
      ...(observers.onRollbackFailed && { onRollbackFailed: observers.onRollbackFailed }),
    }),
  });
}

/**
 * Opens a Kysely instance for `storage`. SQLite files get WAL mode and foreign keys on; both
 * engines get the limits of {@link DatabaseLimits}.
 *
 * @example
 * const db = await openDatabase(storageFromUrl(process.env.DATABASE_URL), { health });
 */
export async function openDatabase(
  storage: StorageConfig,
  observers: DatabaseObservers = {},
): Promise<Database> {
  try {
    if (storage.engine === 'sqlite') return await openSqlite(storage, observers);
    const pool = await openPostgresPool(storage.url, storage, {
      onConnectionError: observers.onConnectionError ?? (() => undefined),
      ...(observers.metrics && { metrics: observers.metrics }),
    });
    return new Kysely<object>({
      dialect: guardDialect(new PostgresDialect({ pool }), {
        health: observers.health,
        ...(observers.onRollbackFailed && { onRollbackFailed: observers.onRollbackFailed }),
      }),
    });
  } catch (error) {
    throw new ServiceDeskError(
      'STORAGE_UNREACHABLE',
      `cannot open the ${storage.engine} database (${(error as Error).message}); check DATABASE_URL`,
      { cause: error },
    );
  }
}
