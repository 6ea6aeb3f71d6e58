import { CompiledQuery, type Kysely } from 'kysely';
import type { DatabaseEngine } from '../../../core/index.js';

/** Inserts many rows of one table with one statement; values are given in `columns` order. */
export type BulkInsert = (
  db: Pick<Kysely<object>, 'executeQuery'>,
  target: { readonly table: string; readonly columns: readonly string[] },
  rows: readonly (readonly unknown[])[],
) => Promise<void>;

/**
 * A multi-row INSERT that skips the query builder: for a million rows, building and compiling a
 * Kysely tree per batch cost more than SQLite's work. The statement text is cached per table and
 * row count; table and column names come from code, never from input.
 */
export function createBulkInsert(engine: DatabaseEngine): BulkInsert {
  const statements = new Map<string, string>();
  return async (db, { table, columns }, rows) => {
    if (rows.length === 0) return;
    const cacheKey = `${table}:${rows.length}`;
    let text = statements.get(cacheKey);
    if (text === undefined) {
      let parameter = 0;
      const placeholder = () => (engine === 'postgres' ? `$${++parameter}` : '?');
      const tuples = rows.map(() => `(${columns.map(placeholder).join(', ')})`);
      const names = columns.map((column) => `"${column}"`).join(', ');
      text = `insert into "${table}" (${names}) values ${tuples.join(', ')}`;
      statements.set(cacheKey, text);
    }
    await db.executeQuery(CompiledQuery.raw(text, rows.flat()));
  };
}
