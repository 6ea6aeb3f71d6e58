import { sql, type Kysely } from 'kysely';
import type { Database, DatabaseEngine } from '../../../core/index.js';
import type { DeskTables } from '../schema/tables.js';
import { seedReferenceData } from './seed-reference-data.js';
import { seedTickets } from './seed-tickets.js';

export { demoAccounts } from './demo-directory.js';

/** Options of {@link seedDemoData}. */
export interface SeedDemoDataOptions {
  /** How many historical tickets to generate; 3,000 by default, a million for benchmarks. */
  readonly tickets?: number;
  /** The generator's seed; the same seed gives the same tickets. */
  readonly seed?: number;
  /** When the ticket history ends (ISO-8601); now by default, so SLA states look live. */
  readonly until?: string;
  /** Called after each batch of tickets, e.g. to print progress. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What {@link seedDemoData} did. */
export type SeedDemoDataResult =
  | { readonly seeded: true; readonly tickets: number; readonly notes: number }
  | { readonly seeded: false; readonly reason: string };

export const defaultDemoTicketCount = 3000;
export const defaultDemoSeed = 20_260_105;

// Arbitrary but fixed: two processes seeding one PostgreSQL database take turns.
const postgresSeedLockKey = 7_240_312;

function deskTables(db: Database | Kysely<DeskTables>): Kysely<DeskTables> {
  return (db as Database).withTables<DeskTables>();
}

/**
 * True when the desk holds no organisations, users, tickets or KB articles: the only state in
 * which the demo data may be seeded.
 *
 * @example
 * if (await isDeskEmpty(db)) await seedDemoData(db, engine);
 */
export async function isDeskEmpty(db: Database | Kysely<DeskTables>): Promise<boolean> {
  const desk = deskTables(db);
  const tables = ['desk_organisations', 'desk_users', 'desk_tickets', 'desk_kb_articles'] as const;
  for (const table of tables) {
    const row = await desk
      .selectFrom(table)
      .select(sql<number>`1`.as('one'))
      .limit(1)
      .executeTakeFirst();
    if (row !== undefined) return false;
  }
  return true;
}

/**
 * Seeds the demo desk: customer organisations (Acorn Construction among them), users and demo
 * accounts, teams, ticket types, SLA policies, quick actions, KB articles, the catalogue, services
 * per customer and `tickets` generated historical tickets with their resolution notes. Everything
 * is written in one transaction, so a failure leaves the desk empty. A desk that already has data
 * is left alone (`seeded: false`): seeding twice is a no-op.
 *
 * @example
 * const result = await seedDemoData(db, 'sqlite', { tickets: 1_000_000 });
 */
export async function seedDemoData(
  db: Database | Kysely<DeskTables>,
  engine: DatabaseEngine,
  options: SeedDemoDataOptions = {},
): Promise<SeedDemoDataResult> {
  const count = options.tickets ?? defaultDemoTicketCount;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`tickets must be a whole number of at least 0, got ${count}`);
  }
  const until = options.until ?? new Date().toISOString();
  const historyStart = new Date(Date.parse(until) - 730 * 86_400_000).toISOString();
  return deskTables(db)
    .transaction()
    .execute(async (trx): Promise<SeedDemoDataResult> => {
      if (engine === 'postgres')
        await sql`select pg_advisory_xact_lock(${postgresSeedLockKey})`.execute(trx);
      if (!(await isDeskEmpty(trx))) {
        return {
          seeded: false,
          reason: 'the desk already has data; demo data is seeded only into an empty desk',
        };
      }
      const ids = await seedReferenceData(trx, historyStart);
      const written = await seedTickets(trx, ids, {
        count,
        seed: options.seed ?? defaultDemoSeed,
        until,
        engine,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      });
      return { seeded: true, ...written };
    });
}
