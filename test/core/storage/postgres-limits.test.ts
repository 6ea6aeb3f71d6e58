import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  openDatabase,
  storageFromUrl,
  type Database,
  type DatabaseLimits,
} from '../../../core/storage/database.js';
import { answerMarginMs } from '../../../core/storage/postgres-pool.js';
import { storageFailureOf } from '../../../core/storage/storage-failure.js';
import {
  createFreshPostgresDatabase,
  type FreshDatabase,
} from '../../helpers/fresh-postgres-database.js';

// Each test opens its own pool with the limits it exercises.
describe('PostgreSQL limits and lost connections', () => {
  let database: FreshDatabase;
  let admin: pg.Client;
  const opened: Database[] = [];
  const open = async (limits: Partial<DatabaseLimits>): Promise<Database> => {
    const db = await openDatabase({ ...storageFromUrl(database.url), ...limits });
    opened.push(db);
    return db;
  };
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => storageFailureOf(error),
    );

  beforeAll(async () => {
    database = await createFreshPostgresDatabase();
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query('create table t (id int primary key)');
  });
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.destroy();
  });
  afterAll(async () => {
    await admin.end();
    await database.drop();
  });

  it('cuts a statement off at the statement timeout', async () => {
    const db = await open({ statementTimeoutMs: 300 });
    expect(await failureOf(sql`select pg_sleep(5)`.execute(db))).toEqual({
      kind: 'busy',
      reason: 'a statement ran past the statement timeout',
    });
    await sql`select 1`.execute(db);
  });

  it('gives up a lock wait at the lock timeout', async () => {
    const db = await open({ lockTimeoutMs: 300 });
    await admin.query('begin');
    await admin.query('lock table t in access exclusive mode');
    try {
      expect(await failureOf(sql`insert into t values (1)`.execute(db))).toEqual({
        kind: 'busy',
        reason: 'a lock wait ran past the lock timeout',
      });
    } finally {
      await admin.query('rollback');
    }
  });

  it('opens at most poolMax connections, however many calls wait', async () => {
    const db = await open({ poolMax: 2 });
    const name = new URL(database.url).pathname.slice(1);
    let most = 0;
    const sleepers = Array.from({ length: 6 }, () => sql`select pg_sleep(0.3)`.execute(db));
    const watching = (async () => {
      for (let i = 0; i < 8; i++) {
        const { rows } = await admin.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
          [name],
        );
        most = Math.max(most, rows[0]!.n);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await Promise.all([...sleepers, watching]);
    expect(most).toBe(2);
  });

  it('stops waiting for a free connection at the connect timeout', async () => {
    const db = await open({ poolMax: 1, connectTimeoutMs: 300 });
    await db.connection().execute(async () => {
      // The only connection is held here, so another query must wait for it.
      expect(await failureOf(sql`select 1`.execute(db))).toEqual({
        kind: 'busy',
        reason: 'no database connection came free in time',
      });
    });
  });

  it('gives up on a backend that stops answering, then carries on with a new connection', async () => {
    const db = await open({ statementTimeoutMs: 300 });
    let pid = 0;
    const started = performance.now();
    const failure = await db.connection().execute(async (connection) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(
        connection,
      );
      pid = rows[0]!.pid;
      // A frozen backend cannot enforce its own statement timeout; only the client can notice.
      process.kill(pid, 'SIGSTOP');
      try {
        return await failureOf(sql`select 1`.execute(connection));
      } finally {
        process.kill(pid, 'SIGCONT');
      }
    });
    expect(failure).toEqual({ kind: 'busy', reason: 'the database did not answer in time' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(300 + answerMarginMs - 50);
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    expect(rows[0]!.pid).not.toBe(pid);
  });

  it('fails only the query whose connection is terminated, and the process carries on', async () => {
    const lost: Error[] = [];
    const db = await openDatabase(
      { ...storageFromUrl(database.url), poolMax: 1 },
      { onConnectionError: (error) => lost.push(error) },
    );
    opened.push(db);
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    const sleeping = failureOf(sql`select pg_sleep(5)`.execute(db));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    expect((await sleeping)?.kind).toBe('unavailable');
    // Without a listener on the checked-out client, its 'error' event would have ended the process.
    await vi.waitFor(() => expect(lost.length).toBeGreaterThan(0), { timeout: 2000 });
    await sql`select 1`.execute(db);
  });
});
