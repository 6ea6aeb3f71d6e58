import type { DatabaseEngine } from '../../core/index.js';
import { createFreshPostgresDatabase, type FreshDatabase } from './fresh-postgres-database.js';
import { createTempFolder } from './temp-folder.js';

/** One engine the store's contract runs on, and how to get an empty database of it. */
export interface TestEngine {
  readonly engine: DatabaseEngine;
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
 * Both engines, for `describe.each(testEngines)`: a SQLite file in the temporary directory and a
 * fresh PostgreSQL database (which fails the test when PostgreSQL is unreachable).
 *
 * @example
 * describe.each(testEngines)('audit on $engine', ({ createDatabase }) => { ... });
 */
export const testEngines: readonly TestEngine[] = [
  { engine: 'sqlite', createDatabase: createSqliteDatabase },
  { engine: 'postgres', createDatabase: createFreshPostgresDatabase },
];
