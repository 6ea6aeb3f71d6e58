import { sql, type Kysely } from 'kysely';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Database, DatabaseEngine } from './database.js';
import type { Migrations } from './migration.js';

/** One owner's migrations (the core's own, or a plugin's), in the order owners must run. */
export interface MigrationSet {
  readonly owner: string;
  readonly migrations: Migrations;
}

type MigrationTables = {
  sdm_migrations: { owner: string; name: string; applied_at: string };
};

/** True when every migration of `sets` is recorded; false too when the table does not exist. */
async function allApplied(
  db: Kysely<MigrationTables>,
  sets: readonly MigrationSet[],
  engine: DatabaseEngine,
): Promise<boolean> {
  // Asked of the catalogue, so a first start logs no failed statement.
  const table =
    engine === 'postgres'
      ? sql<{ found: unknown }>`select to_regclass('sdm_migrations') as found`
      : sql<{
          found: unknown;
        }>`select name as found from sqlite_master where type = 'table' and name = 'sdm_migrations'`;
  const found = (await table.execute(db)).rows[0]?.found;
  if (found === undefined || found === null) return false;
  const rows = await db.selectFrom('sdm_migrations').select(['owner', 'name']).execute();
  const done = new Set(rows.map((r) => `${r.owner}/${r.name}`));
  return sets.every((set) =>
    Object.keys(set.migrations).every((name) => done.has(`${set.owner}/${name}`)),
  );
}

// Arbitrary but fixed: every process of one deployment takes the same advisory lock.
const postgresLockKey = 7_240_311;

/**
 * Applies every migration not yet recorded, owner by owner and name by name, in one transaction:
 * either all pending migrations apply or none does. On PostgreSQL an advisory lock makes two
 * processes starting together apply each migration once.
 *
 * @returns the `owner/name` of each migration applied now.
 */
export async function runMigrations(
  database: Database,
  sets: readonly MigrationSet[],
  engine: DatabaseEngine,
): Promise<readonly string[]> {
  const db = database.withTables<MigrationTables>();
  // Most starts find everything applied: one read says so, without the transaction (and, on
  // PostgreSQL, the advisory lock). Anything missing, or no table yet, takes the full path.
  if (await allApplied(db, sets, engine)) return Object.freeze([]);
  await db.schema
    .createTable('sdm_migrations')
    .ifNotExists()
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sdm_migrations_pk', ['owner', 'name'])
    .execute()
    .catch(async (error: unknown) => {
      // Two PostgreSQL processes may race on CREATE TABLE IF NOT EXISTS; the loser sees a
      // unique violation on the catalogue and the table exists afterwards.
      const exists = await db
        .selectFrom('sdm_migrations')
        .select('owner')
        .limit(1)
        .execute()
        .then(
          () => true,
          () => false,
        );
      if (!exists) throw error;
    });
  const applied: string[] = [];
  let current = '';
  try {
    await db.transaction().execute(async (trx) => {
      if (engine === 'postgres') {
        // A migration may rebuild a large table, and a second process waits here for the first:
        // neither is a tool call, so neither gets a tool call's timeouts.
        await sql`set local statement_timeout = 0`.execute(trx);
        await sql`set local lock_timeout = 0`.execute(trx);
        await sql`select pg_advisory_xact_lock(${postgresLockKey})`.execute(trx);
      }
      const done = new Set(
        (await trx.selectFrom('sdm_migrations').select(['owner', 'name']).execute()).map(
          (r) => `${r.owner}/${r.name}`,
        ),
      );
      for (const set of sets) {
        for (const name of Object.keys(set.migrations).sort()) {
          const key = `${set.owner}/${name}`;
          if (done.has(key)) continue;
          current = key;
          await (set.migrations[name] as Migrations[string]).up(trx, { engine });
          await trx
            .insertInto('sdm_migrations')
            .values({ owner: set.owner, name, applied_at: new Date().toISOString() })
            .execute();
          applied.push(key);
        }
      }
    });
  } catch (error) {
    throw new ServiceDeskError(
      'MIGRATION_FAILED',
      `migration "${current}" failed (${(error as Error).message}); nothing was applied — fix the migration and start again`,
      { cause: error },
    );
  }
  return Object.freeze(applied);
}
