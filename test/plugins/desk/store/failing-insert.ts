import { sql } from 'kysely';
import type { TicketFixture } from './ticket-fixture.js';

/**
 * Makes every insert into `table` fail inside the database (a trigger), so a test can see that a
 * write failing half-way leaves nothing behind. Returns a function that removes the trigger.
 */
export async function failInserts(
  fixture: TicketFixture,
  table: 'desk_ticket_history' | 'desk_outbox' | 'desk_notes',
): Promise<() => Promise<void>> {
  const name = `fail_${table}`;
  if (fixture.database.engine === 'sqlite') {
    await sql
      .raw(
        `create trigger ${name} before insert on ${table} ` +
          `begin select raise(abort, 'insert refused by test trigger'); end`,
      )
      .execute(fixture.db);
    return async () => {
      await sql.raw(`drop trigger ${name}`).execute(fixture.db);
    };
  }
  await sql
    .raw(
      `create function ${name}() returns trigger language plpgsql as $$ ` +
        `begin raise exception 'insert refused by test trigger'; end $$`,
    )
    .execute(fixture.db);
  await sql
    .raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`)
    .execute(fixture.db);
  return async () => {
    await sql.raw(`drop trigger ${name} on ${table}`).execute(fixture.db);
    await sql.raw(`drop function ${name}()`).execute(fixture.db);
  };
}
