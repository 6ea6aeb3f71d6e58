import { sql, type Kysely } from 'kysely';
import type { DatabaseEngine } from '../../../core/index.js';
import {
  demoCatalogueItems,
  demoCustomerServices,
  demoServices,
} from '../../../plugins/desk/demo/demo-catalogue.js';
import {
  demoQuickActions,
  demoSlaPolicies,
  demoTicketTypes,
} from '../../../plugins/desk/demo/demo-desk-settings.js';
import {
  demoOrganisations,
  demoTeams,
  demoUsers,
} from '../../../plugins/desk/demo/demo-directory.js';
import { kbArticles } from '../../../plugins/desk/demo/kb-articles.js';
import { defaultDemoSeed, defaultDemoTicketCount } from '../../../plugins/desk/demo/seed.js';
import { generateTickets } from '../../../plugins/desk/demo/ticket-generator.js';
import type { DeskTables } from '../../../plugins/desk/schema/tables.js';
import { recentTicketSearchWindow } from '../../../plugins/desk/search/recent-ticket-search.js';

/** The tables the demo seed fills, in the order it fills them. */
const seededTables = [
  'desk_organisations',
  'desk_teams',
  'desk_users',
  'desk_team_members',
  'desk_ticket_types',
  'desk_sla_policies',
  'desk_quick_actions',
  'desk_kb_articles',
  'desk_services',
  'desk_catalogue_items',
  'desk_customer_services',
  'desk_tickets',
  'desk_notes',
] as const satisfies readonly (keyof DeskTables)[];

type SeededTable = (typeof seededTables)[number];
type Counts = Record<SeededTable, number>;

/** The demo's history spans the two years before the first start; its rows are dated from its start. */
const historyMs = 730 * 86_400_000;

/**
 * How many rows of each table the example's first start writes: the demo directory, settings,
 * knowledge base and catalogue, 3,000 generated tickets and their notes. The notes depend on when
 * the history ends, which the seed dates its organisations from.
 */
function expectedCounts(historyStart: string): Counts {
  const until = new Date(Date.parse(historyStart) + historyMs).toISOString();
  let notes = 0;
  for (const ticket of generateTickets(defaultDemoTicketCount, defaultDemoSeed, { until }))
    notes += ticket.notes.length;
  return {
    desk_organisations: demoOrganisations.length,
    desk_teams: demoTeams.length,
    desk_users: demoUsers.length,
    desk_team_members: demoUsers.reduce((sum, user) => sum + user.teams.length, 0),
    desk_ticket_types: demoTicketTypes.length,
    desk_sla_policies: demoSlaPolicies.length,
    desk_quick_actions: demoQuickActions.length,
    desk_kb_articles: kbArticles.length,
    desk_services: demoServices.length,
    desk_catalogue_items: demoCatalogueItems.length,
    desk_customer_services: Object.values(demoCustomerServices).flat().length,
    desk_tickets: defaultDemoTicketCount,
    desk_notes: notes,
  };
}

/**
 * What a database holds of the demo desk: nothing (not even the desk's tables, or the tables with
 * no row), all of it, or part of it — the state that must never be seen. A complete desk is
 * `settled` once the seed's last step has rebuilt the recent-ticket search index it paused.
 */
export type DemoDeskState =
  | { readonly kind: 'empty' }
  | { readonly kind: 'complete'; readonly settled: boolean }
  | { readonly kind: 'partial'; readonly counts: Counts; readonly expected: Counts | undefined };

const pausedFloor = Number.MAX_SAFE_INTEGER;

async function isSettled(desk: Kysely<DeskTables>, engine: DatabaseEngine): Promise<boolean> {
  if (engine === 'postgres') return (await recentTicketSearchWindow(desk)).indexed;
  const { rows } = await sql<{
    floor: number | string;
  }>`select floor from desk_tickets_recent_index`.execute(desk);
  return Number(rows[0]?.floor) < pausedFloor;
}

/**
 * Reads which {@link DemoDeskState} the database is in.
 *
 * @example
 * expect((await readDemoDeskState(desk, 'sqlite')).kind).not.toBe('partial');
 */
export async function readDemoDeskState(
  desk: Kysely<DeskTables>,
  engine: DatabaseEngine,
): Promise<DemoDeskState> {
  const tables = new Set((await desk.introspection.getTables()).map((table) => table.name));
  if (!seededTables.every((table) => tables.has(table))) {
    // A kill before the desk's migrations committed: none of its tables may be there.
    if (seededTables.some((table) => tables.has(table))) throw new Error('half-migrated desk');
    return { kind: 'empty' };
  }
  const counts = {} as Counts;
  for (const table of seededTables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
      table,
    )}`.execute(desk);
    counts[table] = Number(rows[0]?.n);
  }
  if (Object.values(counts).every((n) => n === 0)) return { kind: 'empty' };
  const first = await desk.selectFrom('desk_organisations').select('created_at').executeTakeFirst();
  const expected = first === undefined ? undefined : expectedCounts(first.created_at);
  const whole = seededTables.every((table) => counts[table] === expected?.[table]);
  if (!whole) return { kind: 'partial', counts, expected };
  return { kind: 'complete', settled: await isSettled(desk, engine) };
}
