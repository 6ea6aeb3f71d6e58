import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createFreshPostgresDatabase, testDatabaseUrl } from '../../testing/index.js';

const local = 'postgres://postgres@127.0.0.1:5432/test';

async function exists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [name]);
    return rows.length === 1;
  } finally {
    await client.end();
  }
}

describe('testDatabaseUrl', () => {
  it('takes TEST_DATABASE_URL, then a PostgreSQL DATABASE_URL, then the local test database', () => {
    const other = 'postgres://me@db.example.com:5433/desk';
    expect(testDatabaseUrl({ TEST_DATABASE_URL: local, DATABASE_URL: other })).toBe(local);
    expect(testDatabaseUrl({ TEST_DATABASE_URL: '', DATABASE_URL: other })).toBe(other);
    expect(testDatabaseUrl({ DATABASE_URL: 'postgresql://me@db/desk' })).toBe(
      'postgresql://me@db/desk',
    );
    expect(testDatabaseUrl({ DATABASE_URL: './data/desk.db' })).toBe(local);
    expect(testDatabaseUrl({})).toBe(local);
  });
});

describe('createFreshPostgresDatabase', () => {
  it('creates an empty database of its own and drops it, where it was made', async () => {
    const database = await createFreshPostgresDatabase();
    const name = new URL(database.url).pathname.slice(1);
    expect(name).toMatch(/^sdm_test_[0-9a-f]{12}$/);
    expect(await exists(name)).toBe(true);
    const previous = process.env['DATABASE_URL'];
    // A test that points DATABASE_URL at the database (as the CLI's tests do) does not move it.
    process.env['DATABASE_URL'] = database.url;
    try {
      await database.drop();
    } finally {
      if (previous === undefined) delete process.env['DATABASE_URL'];
      else process.env['DATABASE_URL'] = previous;
    }
    expect(await exists(name)).toBe(false);
  });
});
