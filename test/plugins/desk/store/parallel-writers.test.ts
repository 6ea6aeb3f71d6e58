import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskTables } from '../../../../plugins/desk/schema/tables.js';
import { createDeskStore, type DeskStore } from '../../../../plugins/desk/store/desk-store.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { fixtureNow, openTicketFixture, people, type TicketFixture } from './ticket-fixture.js';

const steps = Array.from({ length: 20 }, (_, i) => `step_${String(i + 1).padStart(2, '0')}`);

/**
 * Separate connections to the fixture's database, as separate server processes would hold. SQLite
 * connections wait for no lock (busy_timeout 0): in one process a waiting connection would block
 * the very connection it waits for, so the store must see "busy" and retry by itself.
 */
async function openWriters(fixture: TicketFixture, count: number): Promise<Kysely<DeskTables>[]> {
  if (fixture.database.engine === 'sqlite') {
    const list = await sql<{ name: string; file: string }>`pragma database_list`.execute(
      fixture.db,
    );
    const file = list.rows.find((r) => r.name === 'main')!.file;
    return Array.from({ length: count }, () => {
      const database = new SqliteDatabase(file);
      database.pragma('busy_timeout = 0');
      database.pragma('foreign_keys = ON');
      return new Kysely<DeskTables>({ dialect: new SqliteDialect({ database }) });
    });
  }
  const { rows } = await sql<{ url: string }>`select current_database() as url`.execute(fixture.db);
  const url = new URL(
    process.env['TEST_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test',
  );
  url.pathname = `/${rows[0]!.url}`;
  return Array.from(
    { length: count },
    () =>
      new Kysely<DeskTables>({
        dialect: new PostgresDialect({ pool: quietPool(url.href) }),
      }),
  );
}

describe.each(testEngines)('parallel writers on $engine', (engine) => {
  let fixture: TicketFixture;
  let writers: Kysely<DeskTables>[];
  let stores: DeskStore[];
  let ticketId: number;

  beforeAll(async () => {
    fixture = await openTicketFixture(engine);
    await fixture.db
      .insertInto('desk_ticket_types')
      .values({
        key: 'onboarding',
        name: 'Onboarding',
        description: 'A new starter checklist',
        fields: JSON.stringify(
          steps.map((key) => ({ key, label: key, type: 'boolean', required: false })),
        ),
        default_team_id: null,
        default_priority: 3,
      })
      .execute();
    ticketId = (
      await fixture.store.tickets.create(people.ann, {
        type: 'onboarding',
        summary: 'Onboard Pat',
        details: 'Laptop, accounts, badge',
        requesterId: fixture.users.jo,
      })
    ).id;
    writers = await openWriters(fixture, 4);
    stores = writers.map((db) =>
      createDeskStore({ db, engine: fixture.database.engine, now: () => fixtureNow }),
    );
  });
  afterAll(async () => {
    await Promise.all((writers ?? []).map((w) => w.destroy()));
    await fixture?.close();
  });

  it('loses no change when 20 updates, 20 notes and 5 time entries race on one ticket', async () => {
    const store = (i: number) => stores[i % stores.length]!.tickets;
    const who = (i: number) => (i % 2 === 0 ? people.ann : people.bob);
    await Promise.all([
      ...steps.map((step, i) =>
        store(i).update(who(i), ticketId, { customFields: { [step]: true } }),
      ),
      ...steps.map((step, i) =>
        store(i + 1).addNote(who(i), { ticketId, body: `note for ${step}`, provenance: 'ai' }),
      ),
      ...[5, 10, 15, 20, 25].map((minutes, i) =>
        store(i + 2).logTime(who(i), { ticketId, minutes, note: `${minutes} minutes` }),
      ),
    ]);

    const detail = await fixture.store.tickets.get(people.ann, ticketId);
    expect(detail?.ticket.custom_fields).toEqual(Object.fromEntries(steps.map((s) => [s, true])));
    expect(detail?.ticket.version).toBe(1 + 20 + 20 + 5);
    expect(detail?.notes.map((n) => n.body).sort()).toEqual(steps.map((s) => `note for ${s}`));
    expect(
      detail?.notes.every((n) => n.provenance === 'ai' && n.ai_client === 'copilot-studio'),
    ).toBe(true);
    expect(detail?.minutes_logged).toBe(75);

    const fields = detail?.history.map((h) => h.field) ?? [];
    expect(fields.filter((f) => f.startsWith('custom_fields.')).sort()).toEqual(
      steps.map((s) => `custom_fields.${s}`),
    );
    expect(fields.filter((f) => f === 'note.public')).toHaveLength(20);
    expect(fields.filter((f) => f === 'time')).toHaveLength(5);
    // The first agent's public note is the response, recorded once however the race went.
    expect(fields.filter((f) => f === 'responded_at')).toHaveLength(1);
    const noteIds = detail?.history
      .filter((h) => h.field === 'note.public')
      .map((h) => Number(h.new_value));
    expect(new Set(noteIds)).toEqual(new Set(detail?.notes.map((n) => n.id)));
  });

  it('merges concurrent updates of different fields, and keeps every change of one field in history', async () => {
    const priorities = [1, 2, 4, 1, 2, 4, 1, 2];
    await Promise.all([
      ...priorities.map((priority, i) =>
        stores[i % stores.length]!.tickets.update(people.ann, ticketId, { priority }),
      ),
      stores[1]!.tickets.update(people.bob, ticketId, { category: 'Onboarding' }),
      stores[2]!.tickets.update(people.bob, ticketId, { summary: 'Onboard Pat Jones' }),
      stores[3]!.tickets.assign(people.bob, ticketId, { to: 'me' }),
    ]);
    const detail = await fixture.store.tickets.get(people.ann, ticketId);
    expect(detail?.ticket).toMatchObject({
      category: 'Onboarding',
      summary: 'Onboard Pat Jones',
      agent_id: fixture.users.bob,
      status: 'open',
    });
    // Each priority write is in history with the value it replaced; the chain ends at the final one.
    const changes = detail!.history.filter((h) => h.field === 'priority');
    for (let i = 1; i < changes.length; i++) {
      expect(changes[i]!.old_value).toBe(changes[i - 1]!.new_value);
    }
    expect(changes.at(-1)?.new_value).toBe(String(detail?.ticket.priority));
  });
  it('loses no change when parallel callers share one store, as one server process does', async () => {
    const ticket = await fixture.store.tickets.create(people.ann, {
      type: 'onboarding',
      summary: 'Onboard Lee',
      details: 'Laptop only',
      requesterId: fixture.users.sam,
    });
    await Promise.all(
      steps.flatMap((step, i) => [
        fixture.store.tickets.update(people.ann, ticket.id, {
          customFields: { [step]: i % 2 === 0 },
        }),
        fixture.store.tickets.addNote(people.bob, { ticketId: ticket.id, body: step }),
      ]),
    );
    const detail = await fixture.store.tickets.get(people.ann, ticket.id);
    expect(detail?.ticket.custom_fields).toEqual(
      Object.fromEntries(steps.map((s, i) => [s, i % 2 === 0])),
    );
    expect(detail?.notes).toHaveLength(20);
    expect(detail?.ticket.version).toBe(41);
  });
});

/** A pool whose idle connections may be terminated when the test database is dropped. */
function quietPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 5 });
  pool.on('error', () => undefined);
  return pool;
}
