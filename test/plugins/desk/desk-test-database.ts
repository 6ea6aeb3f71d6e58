import type { Kysely } from 'kysely';
import type { DatabaseEngine } from '../../../core/index.js';
import { openDatabase, storageFromUrl } from '../../../core/storage/database.js';
import { runMigrations } from '../../../core/storage/migrator.js';
import { deskMigrations } from '../../../plugins/desk/schema/migrations/index.js';
import type { DeskTables } from '../../../plugins/desk/schema/tables.js';
import type { TestEngine } from '../../helpers/test-databases.js';

/** An empty database of one engine with the desk migrations applied. */
export interface DeskTestDatabase {
  readonly engine: DatabaseEngine;
  readonly db: Kysely<DeskTables>;
  /** The migrations applied when the database was opened, as `owner/name`. */
  readonly applied: readonly string[];
  close(): Promise<void>;
}

/** Creates a fresh database of `testEngine` and applies the desk migrations. */
export async function openDeskTestDatabase(testEngine: TestEngine): Promise<DeskTestDatabase> {
  const fresh = await testEngine.createDatabase();
  const storage = storageFromUrl(fresh.url);
  const database = await openDatabase(storage);
  try {
    const applied = await runMigrations(
      database,
      [{ owner: 'desk', migrations: deskMigrations }],
      storage.engine,
    );
    return {
      engine: storage.engine,
      db: database.withTables<DeskTables>(),
      applied,
      close: async () => {
        await database.destroy();
        await fresh.drop();
      },
    };
  } catch (error) {
    await database.destroy();
    await fresh.drop();
    throw error;
  }
}

/** A user, organisation, team and ticket type to hang tickets on. */
export async function insertDeskBasics(db: Kysely<DeskTables>) {
  const at = '2026-01-05T09:00:00.000Z';
  const organisation = await db
    .insertInto('desk_organisations')
    .values({ name: 'Acorn Construction', domain: 'acorn.example', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const team = await db
    .insertInto('desk_teams')
    .values({ key: 'network', name: 'Network' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const requester = await db
    .insertInto('desk_users')
    .values({
      email: 'jo.bloggs@acorn.example',
      name: 'Jo Bloggs',
      role: 'end_user',
      organisation_id: organisation.id,
      phone: null,
      title: null,
      password_hash: null,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const type = await db
    .insertInto('desk_ticket_types')
    .values({
      key: 'incident',
      name: 'Incident',
      description: 'Something is broken',
      fields: '[]',
      default_team_id: team.id,
      default_priority: 3,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    at,
    organisationId: organisation.id,
    teamId: team.id,
    requesterId: requester.id,
    typeId: type.id,
  };
}
