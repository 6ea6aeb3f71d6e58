import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createServer,
  definePlugin,
  type Migrations,
  type PluginDefinition,
} from '../../../core/index.js';
import { openDatabase, storageFromUrl } from '../../../core/storage/database.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { startupError } from '../../helpers/startup-error.js';
import { testEngines } from '../../helpers/test-databases.js';

type MigrationRow = { owner: string; name: string; applied_at: string };
type InspectedTables = {
  sdm_migrations: MigrationRow;
  report_ticket_counts: { n: number | string };
};

/** Runs `read` on a connection of its own, so the store is inspected as another process sees it. */
async function inspect<T>(
  url: string,
  read: (db: Kysely<InspectedTables>) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(storageFromUrl(url));
  try {
    return await read(db.withTables<InspectedTables>());
  } finally {
    await db.destroy();
  }
}

function migrationRows(url: string): Promise<MigrationRow[]> {
  return inspect(url, (db) =>
    db.selectFrom('sdm_migrations').selectAll().orderBy('owner').orderBy('name').execute(),
  );
}

function tableExists(url: string, table: string): Promise<boolean> {
  return inspect(url, (db) =>
    sql`select count(*) as n from ${sql.table(table)}`.execute(db).then(
      () => true,
      () => false,
    ),
  );
}

/** Migrations that record each run in `runs`; each one also depends on what the earlier ones built. */
function pluginsRecordingInto(runs: string[]): PluginDefinition[] {
  const recorded = (owner: string, migrations: Migrations): Migrations =>
    Object.fromEntries(
      Object.entries(migrations).map(([name, m]) => [
        name,
        {
          up: async (db, context) => {
            runs.push(`${owner}/${name}`);
            await m.up(db, context);
          },
        },
      ]),
    );
  return [
    // Listed against dependency order on purpose.
    definePlugin({
      id: 'reports',
      version: '1.0.0',
      requires: ['tickets'],
      migrations: recorded('reports', {
        '0001_ticket_counts': {
          up: (db) =>
            db.schema
              .createView('report_ticket_counts')
              .as(db.selectFrom('test_tickets').select((eb) => eb.fn.countAll().as('n')))
              .execute(),
        },
      }),
    }),
    definePlugin({
      id: 'tickets',
      version: '1.0.0',
      requires: ['desk'],
      migrations: recorded('tickets', {
        // Declared out of name order: names decide the order, not declaration.
        '0002_first_ticket': {
          up: async (db) => {
            await db
              .insertInto('test_tickets')
              .values({ id: 1, team_id: 1, summary: 'VPN drops' })
              .execute();
          },
        },
        '0001_create': {
          up: (db) =>
            db.schema
              .createTable('test_tickets')
              .addColumn('id', 'integer', (c) => c.primaryKey())
              .addColumn('team_id', 'integer', (c) => c.notNull().references('test_teams.id'))
              .addColumn('summary', 'text', (c) => c.notNull())
              .execute(),
        },
      }),
    }),
    definePlugin({
      id: 'desk',
      version: '1.0.0',
      migrations: recorded('desk', {
        '0001_teams': {
          up: async (db) => {
            await db.schema
              .createTable('test_teams')
              .addColumn('id', 'integer', (c) => c.primaryKey())
              .addColumn('name', 'text', (c) => c.notNull())
              .execute();
            await db.insertInto('test_teams').values({ id: 1, name: 'Service desk' }).execute();
          },
        },
      }),
    }),
  ];
}

async function start(url: string, plugins: readonly PluginDefinition[]): Promise<void> {
  const server = await createServer(
    { plugins, collections: [], databaseUrl: url, log: { level: 'silent' } },
    { env: {} },
  );
  await server.close();
}

describe.each(testEngines)('migrations on $engine', ({ createDatabase }) => {
  let database: FreshDatabase;
  beforeEach(async () => {
    database = await createDatabase();
  });
  afterEach(() => database.drop());

  it('applies every plugin migration in dependency order, then name order', async () => {
    const runs: string[] = [];
    await start(database.url, pluginsRecordingInto(runs));
    expect(runs).toEqual([
      'desk/0001_teams',
      'tickets/0001_create',
      'tickets/0002_first_ticket',
      'reports/0001_ticket_counts',
    ]);
    const counts = await inspect(database.url, (db) =>
      db.selectFrom('report_ticket_counts').selectAll().execute(),
    );
    expect(counts.map((row) => Number(row.n))).toEqual([1]);
  });

  it('records each migration in sdm_migrations, core first', async () => {
    const before = new Date().toISOString();
    await start(database.url, pluginsRecordingInto([]));
    const rows = await migrationRows(database.url);
    expect(rows.map((r) => `${r.owner}/${r.name}`)).toEqual([
      'core/0001_audit',
      'core/0002_audit_client',
      'core/0003_request_state',
      'core/0004_tasks',
      'desk/0001_teams',
      'reports/0001_ticket_counts',
      'tickets/0001_create',
      'tickets/0002_first_ticket',
    ]);
    for (const row of rows) {
      expect(row.applied_at >= before).toBe(true);
      expect(new Date(row.applied_at).toISOString()).toBe(row.applied_at);
    }
    expect(await tableExists(database.url, 'sdm_audit')).toBe(true);
  });

  it('is idempotent: a second createServer applies nothing', async () => {
    const runs: string[] = [];
    await start(database.url, pluginsRecordingInto(runs));
    const first = await migrationRows(database.url);
    runs.length = 0;
    await start(database.url, pluginsRecordingInto(runs));
    expect(runs).toEqual([]);
    expect(await migrationRows(database.url)).toEqual(first);
  });

  it('applies only the migrations added since the last start', async () => {
    const runs: string[] = [];
    const plugins = pluginsRecordingInto(runs);
    await start(database.url, plugins);
    runs.length = 0;
    const desk = plugins.find((p) => p.id === 'desk')!;
    const grown = definePlugin({
      ...desk,
      migrations: {
        ...desk.migrations,
        '0002_more_teams': {
          up: async (db) => {
            runs.push('desk/0002_more_teams');
            await db.insertInto('test_teams').values({ id: 2, name: 'Field' }).execute();
          },
        },
      },
    });
    await start(
      database.url,
      plugins.map((p) => (p.id === 'desk' ? grown : p)),
    );
    expect(runs).toEqual(['desk/0002_more_teams']);
    expect((await migrationRows(database.url)).map((r) => r.name)).toContain('0002_more_teams');
  });

  it('runs a migration missing between applied ones: the all-applied shortcut skips nothing', async () => {
    const runs: string[] = [];
    const step = (name: string) => ({
      up: () => {
        runs.push(name);
        return Promise.resolve();
      },
    });
    const notes = (migrations: Migrations) =>
      definePlugin({ id: 'notes', version: '1.0.0', migrations });
    await start(database.url, [notes({ '0001_a': step('0001_a'), '0003_c': step('0003_c') })]);
    runs.length = 0;
    // Every other migration is recorded, so only a full comparison finds the gap.
    await start(database.url, [
      notes({ '0001_a': step('0001_a'), '0002_b': step('0002_b'), '0003_c': step('0003_c') }),
    ]);
    expect(runs).toEqual(['0002_b']);
    expect(
      (await migrationRows(database.url)).filter((r) => r.owner === 'notes').map((r) => r.name),
    ).toEqual(['0001_a', '0002_b', '0003_c']);
    runs.length = 0;
    await start(database.url, [
      notes({ '0001_a': step('0001_a'), '0002_b': step('0002_b'), '0003_c': step('0003_c') }),
    ]);
    expect(runs).toEqual([]);
  });

  it('MIGRATION_FAILED names the migration and leaves the store as it was', async () => {
    const error = await startupError({
      plugins: [
        definePlugin({
          id: 'tickets',
          version: '1.0.0',
          migrations: {
            '0001_create': {
              up: (db) =>
                db.schema
                  .createTable('test_failing_tickets')
                  .addColumn('id', 'integer', (c) => c.primaryKey())
                  .execute(),
            },
            '0002_broken': {
              up: (db) =>
                db
                  .insertInto('no_such_table')
                  .values({ id: 1 })
                  .execute()
                  .then(() => {}),
            },
          },
        }),
      ],
      collections: [],
      databaseUrl: database.url,
    });
    expect(error.code).toBe('MIGRATION_FAILED');
    expect(error.message).toContain('migration "tickets/0002_broken" failed');
    expect(error.message).toMatch(/nothing was applied — fix the migration and start again/);
    // All pending migrations ran in one transaction: the first one is not applied either.
    expect(await tableExists(database.url, 'test_failing_tickets')).toBe(false);
    expect(await tableExists(database.url, 'sdm_audit')).toBe(false);
    expect(await migrationRows(database.url)).toEqual([]);
  });

  it('a failing migration on a later start keeps what earlier starts applied', async () => {
    const runs: string[] = [];
    const plugins = pluginsRecordingInto(runs);
    await start(database.url, plugins);
    const before = await migrationRows(database.url);
    const desk = plugins.find((p) => p.id === 'desk')!;
    const error = await startupError({
      plugins: plugins.map((p) =>
        p.id === 'desk'
          ? definePlugin({
              ...desk,
              migrations: {
                ...desk.migrations,
                '0002_rename': {
                  up: (db) => db.schema.alterTable('test_teams').renameTo('test_groups').execute(),
                },
                '0003_broken': {
                  up: () => Promise.reject(new Error('constraint would be violated')),
                },
              },
            })
          : p,
      ),
      collections: [],
      databaseUrl: database.url,
    });
    expect(error.code).toBe('MIGRATION_FAILED');
    expect(error.message).toContain(
      'migration "desk/0003_broken" failed (constraint would be violated)',
    );
    expect(await migrationRows(database.url)).toEqual(before);
    expect(await tableExists(database.url, 'test_teams')).toBe(true);
    expect(await tableExists(database.url, 'test_groups')).toBe(false);
  });
});

describe('concurrent migrations on one PostgreSQL database', () => {
  let database: FreshDatabase;
  beforeEach(async () => {
    database = await testEngines.find((e) => e.engine === 'postgres')!.createDatabase();
  });
  afterEach(() => database.drop());

  it('apply each migration once when several servers start together', async () => {
    const runs: string[] = [];
    const plugins = pluginsRecordingInto(runs);
    // The migrations create tables without IF NOT EXISTS: a second run of any of them would fail.
    await Promise.all([1, 2, 3, 4].map(() => start(database.url, plugins)));
    expect(runs).toEqual([
      'desk/0001_teams',
      'tickets/0001_create',
      'tickets/0002_first_ticket',
      'reports/0001_ticket_counts',
    ]);
    expect(await migrationRows(database.url)).toHaveLength(8);
  });
});
