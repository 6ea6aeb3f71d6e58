import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** How many prepared statements one SQLite connection keeps for reuse. */
export const statementCacheSize = 500;

/**
 * better-sqlite3 for Kysely's SQLite dialect, reusing prepared statements by their SQL text.
 * Kysely prepares every query it runs; parsing and planning the SQL again was a fifth of a
 * ticket read by id. The least recently used statement is dropped past `capacity`, and a
 * statement still being iterated (a streamed query) is never handed out twice.
 *
 * @example
 * new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(new Database(file)) }) })
 */
export function withStatementCache(
  database: BetterSqlite3.Database,
  capacity = statementCacheSize,
): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached !== undefined && !cached.busy) {
        // Re-inserted, so the map's order stays least recently used first.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (cached === undefined) {
        statements.set(sql, statement);
        if (statements.size > capacity) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      return statement;
    },
  };
}
