import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, storageFromUrl, type Database } from '../../../core/storage/database.js';
import { preparedMarker } from '../../../core/storage/postgres-pool.js';
import {
  createFreshPostgresDatabase,
  type FreshDatabase,
} from '../../helpers/fresh-postgres-database.js';

describe('PostgreSQL named prepared statements', () => {
  let database: FreshDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createFreshPostgresDatabase();
    // One connection, so every query below sees the same session's prepared statements.
    db = await openDatabase({ ...storageFromUrl(database.url), poolMax: 1 });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const prepared = async () => {
    const { rows } = await sql<{ name: string; statement: string }>`
      select name, statement from pg_prepared_statements order by statement`.execute(db);
    return rows;
  };

  it('prepares a marked statement once per connection and binds each call’s values', async () => {
    const marked = (n: number) =>
      sql<{ doubled: number }>`select ${sql.raw(preparedMarker)} ${n}::int * 2 as doubled`;
    expect((await marked(2).execute(db)).rows).toEqual([{ doubled: 4 }]);
    expect((await marked(21).execute(db)).rows).toEqual([{ doubled: 42 }]);
    await sql`select ${5}::int as unmarked`.execute(db);
    const named = await prepared();
    expect(named).toHaveLength(1);
    expect(named[0]?.name).toMatch(/^sdm_[\w-]{20}$/);
    expect(named[0]?.statement).toContain(preparedMarker);
  });

  it('runs a marker further into the text as an ordinary statement', async () => {
    const padding = sql.raw(`'${'x'.repeat(60)}'`);
    await sql`select ${padding} as pad, ${sql.raw(preparedMarker)} 1 as one`.execute(db);
    expect(await prepared()).toHaveLength(1);
  });
});
