import type { DatabaseEngine } from '../core/index.js';
import { createFreshPostgresDatabase, type FreshDatabase } from './fresh-postgres-database.js';
import { createTempFolder } from './temp-folder.js';

/** One engine the store's contract runs on, and how to get an empty database of it. */
export interface TestEngine {
  readonly engine: DatabaseEngine;
  /** A new empty database of this engine; `drop()` it when done (`startTestServer` does). */
  readonly createDatabase: () => Promise<FreshDatabase>;
}

async function createSqliteDatabase(): Promise<FreshDatabase> {
  const folder = createTempFolder('sqlite');
  return Promise.resolve({
    url: folder.file('test.db'),
    drop: () => Promise.resolve(folder.remove()),
  });
}

/**
 * Both engines, for `describe.each(testEngines)` (or any runner's loop): a SQLite file in the
 * temporary directory, and a fresh database on the PostgreSQL server of `testDatabaseUrl()`
 * (which fails the test when PostgreSQL is unreachable, never skips it).
 *
 * @example
 * describe.each(testEngines)('parts on $engine', (engine) => {
 *   beforeAll(async () => { t = await startTestServer({ plugins, collections, engine }); });
 * });
 */
export const testEngines: readonly TestEngine[] = Object.freeze([
  Object.freeze({ engine: 'sqlite', createDatabase: createSqliteDatabase }),
  Object.freeze({ engine: 'postgres', createDatabase: createFreshPostgresDatabase }),
]);
