import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { withStatementCache } from './statement-cache.js';

/**
 * The database handle plugins receive. Plugins describe their own tables and narrow it with
 * `db.withTables<MyTables>()`; the core knows no table but its own.
 */
export type Database = Kysely<object>;

/** Which engine a database URL selects. */
export type DatabaseEngine = 'sqlite' | 'postgres';

/** Parsed storage settings. */
export interface StorageConfig {
  readonly engine: DatabaseEngine;
  /** A `postgres://` URL or a SQLite file path (`:memory:` for tests). */
  readonly url: string;
}

/** The default SQLite file, relative to the working directory. */
export const defaultDatabaseUrl = './data/servicedesk.db';

/**
 * Reads `DATABASE_URL`: a `postgres://` or `postgresql://` URL selects PostgreSQL, anything else
 * is a SQLite file path (`sqlite:` prefix optional).
 *
 * @example
 * storageFromUrl(process.env.DATABASE_URL) // { engine: 'sqlite', url: './data/servicedesk.db' }
 */
export function storageFromUrl(url: string | undefined): StorageConfig {
  const value = url === undefined || url.trim() === '' ? defaultDatabaseUrl : url.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) return Object.freeze({ engine: 'postgres', url: value });
  return Object.freeze({ engine: 'sqlite', url: value.replace(/^sqlite:(\/\/)?/i, '') });
}

/** Opens a Kysely instance for `storage`. SQLite files get WAL mode and foreign keys on. */
export async function openDatabase(
  storage: StorageConfig,
  options: { onConnectionError?: (error: Error) => void } = {},
): Promise<Database> {
  try {
    if (storage.engine === 'postgres') {
      const { default: pg } = await import('pg');
      // BIGINT and NUMERIC arrive as strings by default; counts and ids stay numbers here.
      pg.types.setTypeParser(20, (v) => Number(v));
      const pool = new pg.Pool({ connectionString: storage.url, max: 10 });
      // An idle connection can die (server restart, an administrator terminating it); the pool
      // drops it and opens another. Without a listener the pool's 'error' event would crash the
      // process.
      pool.on('error', (error) => options.onConnectionError?.(error));
      const client = await pool.connect();
      client.release();
      return new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
    }
    const { default: SqliteDatabase } = await import('better-sqlite3');
    if (storage.url !== ':memory:') mkdirSync(dirname(storage.url), { recursive: true });
    const sqlite = new SqliteDatabase(storage.url);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    return new Kysely<object>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    });
  } catch (error) {
    throw new ServiceDeskError(
      'STORAGE_UNREACHABLE',
      `cannot open the ${storage.engine} database (${(error as Error).message}); check DATABASE_URL`,
      { cause: error },
    );
  }
}
