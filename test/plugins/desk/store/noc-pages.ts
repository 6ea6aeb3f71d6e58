import type { Generated } from 'kysely';
import type { TicketFixture } from './ticket-fixture.js';

/** The on-call plugin's own table, as `docs/desk-store.md` describes it. */
export type NocTables = {
  noc_pages: {
    id: Generated<number>;
    ticket_id: number;
    oncall: string;
    paged_at: string;
  };
};

/** Creates `noc_pages` in the fixture's database, as the plugin's migration would. */
export async function createNocPages(fixture: TicketFixture): Promise<void> {
  const postgres = fixture.database.engine === 'postgres';
  await fixture.db.schema
    .createTable('noc_pages')
    .addColumn('id', postgres ? 'serial' : 'integer', (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('ticket_id', 'integer', (c) => c.notNull())
    .addColumn('oncall', 'text', (c) => c.notNull())
    .addColumn('paged_at', 'text', (c) => c.notNull())
    .execute();
}

/** The pages, notes and history rows of one ticket, as committed. */
export async function rowsOf(fixture: TicketFixture, ticketId: number) {
  const [pages, notes, history] = await Promise.all([
    fixture.db
      .withTables<NocTables>()
      .selectFrom('noc_pages')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute(),
    fixture.db.selectFrom('desk_notes').selectAll().where('ticket_id', '=', ticketId).execute(),
    fixture.db
      .selectFrom('desk_ticket_history')
      .select(['field', 'new_value'])
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute(),
  ]);
  return { pages, notes, history: history.map((h) => h.field) };
}

/** Rejects when `promise` has not settled within `ms`: a wait that never ends fails the test. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
