import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseEngine } from '../../../core/index.js';
import { deskMigrations } from '../../../plugins/desk/schema/migrations/index.js';
import type { DeskTables } from '../../../plugins/desk/schema/tables.js';
import { testEngines } from '../../helpers/test-databases.js';
import {
  insertDeskBasics,
  openDeskTestDatabase,
  type DeskTestDatabase,
} from './desk-test-database.js';

const deskTables = [
  'desk_organisations',
  'desk_teams',
  'desk_users',
  'desk_team_members',
  'desk_ticket_types',
  'desk_sla_policies',
  'desk_tickets',
  'desk_notes',
  'desk_ticket_history',
  'desk_quick_actions',
  'desk_time_entries',
  'desk_kb_articles',
  'desk_services',
  'desk_catalogue_items',
  'desk_customer_services',
  'desk_outbox',
] as const;

/** Ids whose full-text index entry matches `word`, asked of the engine's own index directly. */
async function matching(
  { db, engine }: { db: Kysely<DeskTables>; engine: DatabaseEngine },
  target: { table: 'tickets' | 'kb'; word: string },
): Promise<number[]> {
  const rows =
    engine === 'sqlite'
      ? await sql<{ id: number }>`select rowid as id from ${sql.table(
          target.table === 'tickets' ? 'desk_tickets_fts' : 'desk_kb_fts',
        )} where ${sql.table(target.table === 'tickets' ? 'desk_tickets_fts' : 'desk_kb_fts')} match ${target.word} order by rowid`.execute(
          db,
        )
      : await sql<{ id: number }>`select id from ${sql.table(
          target.table === 'tickets' ? 'desk_tickets' : 'desk_kb_articles',
        )} where search @@ plainto_tsquery('english', ${target.word}) order by id`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

/**
 * SQLite only: FTS5's own check that an external-content index matches its content table
 * (it raises "database disk image is malformed" when it does not). A generated tsvector
 * column cannot drift, so PostgreSQL has nothing to check.
 */
async function expectIndexInStep(
  { db, engine }: { db: Kysely<DeskTables>; engine: DatabaseEngine },
  table: 'desk_tickets_fts' | 'desk_kb_fts',
): Promise<void> {
  if (engine !== 'sqlite') return;
  await expect(
    sql`insert into ${sql.table(table)}(${sql.table(table)}, rank) values ('integrity-check', 1)`.execute(
      db,
    ),
  ).resolves.toBeDefined();
}

describe.each(testEngines)('desk migrations on $engine', (testEngine) => {
  let desk: DeskTestDatabase;

  beforeAll(async () => {
    desk = await openDeskTestDatabase(testEngine);
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('applies every desk migration once, in name order', () => {
    expect(desk.engine).toBe(testEngine.engine);
    expect(desk.applied).toEqual(
      Object.keys(deskMigrations)
        .sort()
        .map((name) => `desk/${name}`),
    );
  });

  it.each(deskTables)('creates %s', async (table) => {
    const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
      desk.db,
    );
    expect(Number(result.rows[0]?.n)).toBe(0);
  });

  it('gives a new ticket version 1 and enforces its foreign keys and checks', async () => {
    const basics = await insertDeskBasics(desk.db);
    const base = {
      type_id: basics.typeId,
      summary: 'Cannot print',
      details: 'The printer on floor 2 shows an error',
      status: 'new' as const,
      priority: 3,
      category: null,
      team_id: basics.teamId,
      agent_id: null,
      requester_id: basics.requesterId,
      organisation_id: basics.organisationId,
      custom_fields: '{}',
      response_due_at: null,
      resolution_due_at: null,
      responded_at: null,
      resolved_at: null,
      created_at: basics.at,
      updated_at: basics.at,
    };
    const ticket = await desk.db
      .insertInto('desk_tickets')
      .values(base)
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    expect(ticket.version).toBe(1);
    await expect(
      desk.db
        .insertInto('desk_tickets')
        .values({ ...base, requester_id: 999_999 })
        .execute(),
    ).rejects.toThrow();
    await expect(
      desk.db
        .insertInto('desk_tickets')
        .values({ ...base, priority: 5 })
        .execute(),
    ).rejects.toThrow();
    await expect(
      desk.db
        .insertInto('desk_tickets')
        .values({ ...base, status: 'lost' as 'new' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      desk.db
        .insertInto('desk_users')
        .values({
          email: 'jo.bloggs@acorn.example',
          name: 'Again',
          role: 'agent',
          organisation_id: null,
          phone: null,
          title: null,
          password_hash: null,
          created_at: basics.at,
        })
        .execute(),
    ).rejects.toThrow();
    await desk.db.deleteFrom('desk_tickets').where('id', '=', ticket.id).execute();
  });

  it('keeps the ticket search index in step with inserts, updates and deletes', async () => {
    const basics = await desk.db
      .selectFrom('desk_users')
      .innerJoin('desk_ticket_types', (j) => j.onTrue())
      .select(['desk_users.id as requesterId', 'desk_ticket_types.id as typeId'])
      .executeTakeFirstOrThrow();
    const at = '2026-01-06T10:00:00.000Z';
    const { id } = await desk.db
      .insertInto('desk_tickets')
      .values({
        type_id: basics.typeId,
        summary: 'VPN drops every few minutes',
        details: 'Working from home, the tunnel disconnects after the laptop sleeps',
        status: 'new',
        priority: 2,
        category: null,
        team_id: null,
        agent_id: null,
        requester_id: basics.requesterId,
        organisation_id: null,
        custom_fields: '{}',
        response_due_at: null,
        resolution_due_at: null,
        responded_at: null,
        resolved_at: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    expect(await matching(desk, { table: 'tickets', word: 'vpn' })).toEqual([id]);
    // Stemming on both engines: "dropping" finds "drops", "disconnecting" finds "disconnects".
    expect(await matching(desk, { table: 'tickets', word: 'dropping' })).toEqual([id]);
    expect(await matching(desk, { table: 'tickets', word: 'disconnecting' })).toEqual([id]);

    await desk.db
      .updateTable('desk_tickets')
      .set({ summary: 'Printer jams on tray 2', details: 'Paper folds inside' })
      .where('id', '=', id)
      .execute();
    expect(await matching(desk, { table: 'tickets', word: 'vpn' })).toEqual([]);
    expect(await matching(desk, { table: 'tickets', word: 'printer' })).toEqual([id]);

    // An update that leaves the text alone keeps the entry.
    await desk.db
      .updateTable('desk_tickets')
      .set({ status: 'open' })
      .where('id', '=', id)
      .execute();
    expect(await matching(desk, { table: 'tickets', word: 'jams' })).toEqual([id]);
    await expectIndexInStep(desk, 'desk_tickets_fts');

    await desk.db.deleteFrom('desk_tickets').where('id', '=', id).execute();
    expect(await matching(desk, { table: 'tickets', word: 'printer' })).toEqual([]);
    await expectIndexInStep(desk, 'desk_tickets_fts');
  });

  it('keeps the knowledge-base search index in step with inserts, updates and deletes', async () => {
    const at = '2026-01-06T10:00:00.000Z';
    const { id } = await desk.db
      .insertInto('desk_kb_articles')
      .values({
        slug: 'outlook-keeps-asking-for-password',
        title: 'Outlook keeps asking for a password',
        body: 'Clear the stored credentials in Credential Manager, then restart Outlook.',
        tags: JSON.stringify(['outlook', 'mfa']),
        category: 'Email',
        published: 1,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await matching(desk, { table: 'kb', word: 'outlook' })).toEqual([id]);
    expect(await matching(desk, { table: 'kb', word: 'credential' })).toEqual([id]);
    expect(await matching(desk, { table: 'kb', word: 'mfa' })).toEqual([id]);

    await desk.db
      .updateTable('desk_kb_articles')
      .set({
        title: 'Wi-Fi will not connect',
        body: 'Forget the network and join again.',
        tags: '["wifi"]',
      })
      .where('id', '=', id)
      .execute();
    expect(await matching(desk, { table: 'kb', word: 'outlook' })).toEqual([]);
    expect(await matching(desk, { table: 'kb', word: 'mfa' })).toEqual([]);
    expect(await matching(desk, { table: 'kb', word: 'network' })).toEqual([id]);
    await expectIndexInStep(desk, 'desk_kb_fts');

    await desk.db.deleteFrom('desk_kb_articles').where('id', '=', id).execute();
    expect(await matching(desk, { table: 'kb', word: 'network' })).toEqual([]);
    await expectIndexInStep(desk, 'desk_kb_fts');
  });
});
