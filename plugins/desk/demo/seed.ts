import { sql, type Kysely } from 'kysely';
import type { Database, DatabaseEngine } from '../../../core/index.js';
import type { DeskTables } from '../schema/tables.js';
import { rebuildLearnedArticleText } from '../knowledge/learned-article-text.js';
import { rebuildLearnedTicketText } from '../store/learned-ticket-text.js';
import { retryWrite } from '../store/write-transaction.js';
import { pauseRecentTicketIndex, rebuildRecentTicketIndex } from '../search/recent-ticket-index.js';
import {
  pauseRecentTicketSearch,
  rebuildRecentTicketSearch,
} from '../search/recent-ticket-search.js';
import { seedReferenceData } from './seed-reference-data.js';
import { createTicketWriter, type TicketWriter } from './seed-tickets.js';

export { demoAccounts } from './demo-directory.js';

/** Options of {@link seedDemoData}. */
export interface SeedDemoDataOptions {
  /** How many historical tickets to generate; 3,000 by default, a million for benchmarks. */
  readonly tickets?: number;
  /** The generator's seed; the same seed gives the same tickets. */
  readonly seed?: number;
  /** When the ticket history ends (ISO-8601); now by default, so SLA states look live. */
  readonly until?: string;
  /** Tickets per transaction; 50,000 by default, so SQLite's write-ahead log stays small. */
  readonly ticketsPerTransaction?: number;
  /** Called after each batch of tickets, e.g. to print progress. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What {@link seedDemoData} did. */
export type SeedDemoDataResult =
  | { readonly seeded: true; readonly tickets: number; readonly notes: number }
  | { readonly seeded: false; readonly reason: string };

export const defaultDemoTicketCount = 3000;
export const defaultDemoSeed = 20_260_105;

const defaultTicketsPerTransaction = 50_000;

// Index and full-text pages of a million tickets outgrow SQLite's default 2 MB page cache, and
// every spill rewrites pages; 256 MB for the seed's connection more than halves the time.
async function enlargeSqliteCache(db: Kysely<DeskTables>): Promise<() => Promise<void>> {
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  const previous = Number(rows[0]?.cache_size ?? -2000);
  await sql.raw('pragma cache_size = -262144').execute(db);
  return async () => {
    await sql.raw(`pragma cache_size = ${Math.trunc(previous)}`).execute(db);
  };
}

// Arbitrary but fixed: two processes seeding one PostgreSQL database take turns.
const postgresSeedLockKey = 7_240_312;

// PostgreSQL's deadlock: another server starting on the same database refreshes the recent-ticket
// search (a concurrent index build on desk_tickets) while this one rebuilds it; PostgreSQL cancels
// one of the two, and the one cancelled here simply runs again.
const deadlocked = (error: unknown) => (error as { code?: unknown } | null)?.code === '40P01';

/**
 * After a bulk load: the articles' learned text is rebuilt from the resolution notes, each
 * engine's recent-ticket index is rebuilt over the newest tickets,
 * SQLite's full-text indexes are merged into one segment each (a search then reads one b-tree
 * per word instead of dozens, and cutting a snippet is ten times quicker on a million tickets),
 * PostgreSQL is vacuumed, and both gather fresh planner statistics, without which PostgreSQL
 * guesses that a common word matches a few dozen tickets.
 */
async function settleAfterBulkLoad(db: Kysely<DeskTables>, engine: DatabaseEngine): Promise<void> {
  // Articles and past tickets learn from the loaded notes in one pass each, not note by note.
  await retryWrite(
    () =>
      db.transaction().execute(async (trx) => {
        await rebuildLearnedArticleText(trx);
        await rebuildLearnedTicketText(trx);
      }),
    deadlocked,
  );
  if (engine === 'sqlite') {
    await rebuildRecentTicketIndex(db);
    await sql`insert into desk_tickets_fts(desk_tickets_fts) values ('optimize')`.execute(db);
    await sql`insert into desk_kb_fts(desk_kb_fts) values ('optimize')`.execute(db);
    await sql`insert into desk_kb_learned_fts(desk_kb_learned_fts) values ('optimize')`.execute(db);
    await sql`analyze`.execute(db);
    return;
  }
  await retryWrite(() => db.transaction().execute(rebuildRecentTicketSearch), deadlocked);
  // PostgreSQL's GIN index takes bulk inserts into a pending list that every search then reads
  // in full (3 MB, 12,000 entries after a million tickets), and the first read of each new page
  // writes its hint bits; a vacuum merges the one and sets the other.
  await sql`vacuum (analyze)`.execute(db);
}

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
 * per customer and `tickets` generated historical tickets with their resolution notes. The
 * reference data and the first 50,000 tickets (`ticketsPerTransaction`) are one transaction, so
 * the default seed is all or nothing; larger seeds continue one transaction per 50,000 tickets,
 * and the full-text indexes are merged and planner statistics gathered at the end. A desk that
 * already has data is left alone (`seeded: false`): seeding twice is a no-op.
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
  const perTransaction = Math.max(1, options.ticketsPerTransaction ?? defaultTicketsPerTransaction);
  const until = options.until ?? new Date().toISOString();
  const historyStart = new Date(Date.parse(until) - 730 * 86_400_000).toISOString();
  const desk = deskTables(db);
  const restoreCache = engine === 'sqlite' ? await enlargeSqliteCache(desk) : undefined;
  try {
    const writer = await desk
      .transaction()
      .execute(async (trx): Promise<TicketWriter | undefined> => {
        if (engine === 'postgres')
          await sql`select pg_advisory_xact_lock(${postgresSeedLockKey})`.execute(trx);
        if (!(await isDeskEmpty(trx))) return undefined;
        // One rebuild after the load instead of keeping the newest tickets indexed row by row.
        if (engine === 'sqlite') await pauseRecentTicketIndex(trx);
        else await pauseRecentTicketSearch(trx);
        const ids = await seedReferenceData(trx, historyStart);
        const ticketWriter = await createTicketWriter(trx, ids, {
          count,
          seed: options.seed ?? defaultDemoSeed,
          until,
          engine,
          ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        });
        await ticketWriter.write(trx, perTransaction);
        return ticketWriter;
      });
    if (writer === undefined) {
      return {
        seeded: false,
        reason: 'the desk already has data; demo data is seeded only into an empty desk',
      };
    }
    let before = -1;
    while (writer.written.tickets < count && writer.written.tickets > before) {
      before = writer.written.tickets;
      await desk.transaction().execute((trx) => writer.write(trx, perTransaction));
    }
    await settleAfterBulkLoad(desk, engine);
    return { seeded: true, ...writer.written };
  } finally {
    await restoreCache?.();
  }
}
