import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database that exists only for one test file (or one test) and is dropped afterwards. */
export interface FreshDatabase {
  /** The connection URL to hand to `databaseUrl` / `DATABASE_URL`. */
  readonly url: string;
  /** Drops the database, closing any connection still open on it. */
  drop(): Promise<void>;
}

/**
 * The PostgreSQL server tests create their databases on: `TEST_DATABASE_URL`, else
 * `DATABASE_URL` when it is a `postgres://` URL, else the local trust-auth `test` database. Only
 * the server is used: each test gets a database of its own there.
 *
 * @example
 * testDatabaseUrl(); // 'postgres://postgres@127.0.0.1:5432/test' when neither variable is set
 */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const forTests = env['TEST_DATABASE_URL'];
  if (forTests !== undefined && forTests !== '') return forTests;
  const general = env['DATABASE_URL'];
  if (general !== undefined && /^postgres(ql)?:\/\//.test(general)) return general;
  return 'postgres://postgres@127.0.0.1:5432/test';
}

async function withAdminClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    // Thrown on purpose: a PostgreSQL test must fail, never skip, when the server is missing.
    throw new Error(
      `PostgreSQL is unreachable at ${url.replace(/\/\/[^@/]*@/, '//***@')} ` +
        `(${(error as Error).message}); start it or set TEST_DATABASE_URL`,
      { cause: error },
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a uniquely named, empty PostgreSQL database on the test server, so test files running
 * in parallel never see each other's tables.
 *
 * @example
 * const database = await createFreshPostgresDatabase();
 * const t = await startTestServer({ plugins, collections, databaseUrl: database.url });
 * // ...
 * await t.close();
 * await database.drop();
 */
export async function createFreshPostgresDatabase(): Promise<FreshDatabase> {
  const name = `sdm_test_${randomBytes(6).toString('hex')}`;
  // Read once: a test that points DATABASE_URL at this database must not move where it is dropped.
  const server = testDatabaseUrl();
  await withAdminClient(server, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    // Connections a pool has just ended may still be closing; give them a moment to go before
    // forcing the rest, so no client of the test sees its backend terminated under it.
    drop: () =>
      withAdminClient(server, async (client) => {
        for (let attempt = 0; attempt < 40; attempt++) {
          const { rows } = await client.query<{ n: string }>(
            'select count(*) as n from pg_stat_activity where datname = $1',
            [name],
          );
          if (Number(rows[0]?.n ?? 0) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }).then(() => undefined),
  };
}
