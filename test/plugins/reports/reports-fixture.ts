import type { Kysely } from 'kysely';
import type { DeskTables, TicketStatus } from '../../../plugins/desk/index.js';

const at = '2025-01-01T00:00:00.000Z';

/** The report clock and the desk clock in these tests: Friday 20 February 2026, noon UTC. */
export const fixtureNow = new Date('2026-02-20T12:00:00.000Z');

interface TicketSeed {
  readonly agent: 'ann' | 'bob' | null;
  readonly team: 'network' | 'service-desk' | null;
  readonly priority: number;
  readonly status: TicketStatus;
  readonly created: string;
  readonly responseDue: string;
  readonly responded: string | null;
  readonly resolutionDue: string;
  readonly resolved: string | null;
}

/**
 * Tickets with hand-picked SLA times; the expected report figures in the tests are worked out
 * from these comments, not from any query.
 */
export const ticketSeeds = {
  // Ann, February, both targets met.
  t1: seed(
    'ann network P3 resolved 02-02T08:00',
    ['02-02T10:00', '02-02T09:30'],
    ['02-03T10:00', '02-03T09:00'],
  ),
  // Ann, February, responded late and resolved late: one ticket, two misses.
  t2: seed(
    'ann network P3 resolved 02-05T08:00',
    ['02-05T10:00', '02-05T11:00'],
    ['02-06T10:00', '02-06T12:00'],
  ),
  // Ann, February, still open past its resolution due time: a resolution miss.
  t3: seed(
    'ann service-desk P2 open 02-10T08:00',
    ['02-10T10:00', '02-10T09:00'],
    ['02-11T10:00', null],
  ),
  // Bob, February, never answered and overdue; resolution due after now: a response miss only.
  t4: seed('bob service-desk P2 open 02-12T08:00', ['02-12T10:00', null], ['02-25T10:00', null]),
  // Bob, due in January, resolved late on 1 February: counts in January and in February.
  t5: seed(
    'bob network P3 resolved 01-19T08:00',
    ['01-20T10:00', '01-20T09:00'],
    ['01-25T10:00', '02-01T08:00'],
  ),
  // Bob, February, both targets still ahead: handled, not missed.
  t6: seed('bob network P3 open 02-19T08:00', ['02-26T10:00', null], ['02-28T10:00', null]),
  // Nobody's, February, both missed: only in the summary's unassigned_missed.
  t7: seed('- network P1 new 02-03T08:00', ['02-03T10:00', null], ['02-04T10:00', null]),
  // Ann, January only, resolved late.
  t8: seed(
    'ann network P3 resolved 01-05T08:00',
    ['01-05T10:00', '01-05T09:00'],
    ['01-06T10:00', '01-07T10:00'],
  ),
  // Bob, no team, March targets: in no February figure, in the open backlog.
  t9: seed('bob - P4 open 02-18T08:00', ['03-02T10:00', null], ['03-05T10:00', null]),
  // Ann, closed before its resolution due time without a response: the SLA clock counts no miss.
  t10: seed(
    'ann service-desk P3 closed 02-13T08:00',
    ['02-14T10:00', null],
    ['02-15T10:00', '02-14T08:00'],
  ),
  // Nobody's, pending since January (the oldest open ticket), targets in April.
  t11: seed('- network P3 pending 01-10T12:00', ['04-01T10:00', null], ['04-02T10:00', null]),
} satisfies Record<string, TicketSeed>;

/** A due time and when it was met (null for not yet), both `MM-DDTHH:MM` of 2026. */
type Target = readonly [due: string, met: string | null];

/**
 * One ticket: `'<agent|-> <team|-> P<priority> <status> <created>'` and its response and
 * resolution targets, each time `MM-DDTHH:MM` in 2026 (UTC).
 */
function seed(ticket: string, response: Target, resolution: Target): TicketSeed {
  const [agent, team, priority, status, created] = ticket.split(' ') as [
    string,
    string,
    string,
    TicketStatus,
    string,
  ];
  const iso = (time: string) => `2026-${time}:00.000Z`;
  return {
    agent: agent === '-' ? null : (agent as 'ann' | 'bob'),
    team: team === '-' ? null : (team as 'network' | 'service-desk'),
    priority: Number(priority.slice(1)),
    status,
    created: iso(created),
    responseDue: iso(response[0]),
    responded: response[1] === null ? null : iso(response[1]),
    resolutionDue: iso(resolution[0]),
    resolved: resolution[1] === null ? null : iso(resolution[1]),
  };
}

/** Time entries: [who, ticket, minutes, logged at]. */
const timeSeeds: readonly (readonly ['ann' | 'bob', keyof typeof ticketSeeds, number, string])[] = [
  ['ann', 't1', 50, '2026-01-25T10:00:00.000Z'], // Sunday: the week of 19 January
  ['ann', 't1', 30, '2026-01-26T09:00:00.000Z'], // week of 26 January
  ['ann', 't2', 45, '2026-02-01T23:30:00.000Z'], // Sunday night: still the week of 26 January
  ['ann', 't2', 15, '2026-02-02T08:00:00.000Z'], // week of 2 February
  ['ann', 't3', 60, '2026-02-03T10:00:00.000Z'],
  ['bob', 't4', 20, '2026-02-10T09:00:00.000Z'], // week of 9 February, twice on one ticket
  ['bob', 't4', 10, '2026-02-10T15:00:00.000Z'],
  ['bob', 't5', 25, '2026-02-19T11:00:00.000Z'], // week of 16 February
];

/** Ids of what the fixture created. */
export interface FixtureIds {
  readonly tickets: Record<keyof typeof ticketSeeds, number>;
  readonly users: Record<'ann' | 'bob' | 'cat' | 'jo', number>;
  readonly organisations: Record<'acorn' | 'birch', number>;
}

async function insertUser(
  db: Kysely<DeskTables>,
  user: { email: string; name: string; role: 'agent' | 'end_user'; organisation_id: number | null },
) {
  const row = await db
    .insertInto('desk_users')
    .values({ ...user, phone: null, title: null, password_hash: null, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Two customers, three agents, two teams, the tickets above, time entries and services. */
export async function insertReportsFixture(db: Kysely<DeskTables>): Promise<FixtureIds> {
  const [acorn, birch] = await db
    .insertInto('desk_organisations')
    .values([
      {
        name: 'Acorn Construction',
        domain: 'acorn.example',
        created_at: at,
        account_manager_id: null,
      },
      { name: 'Birch Dental', domain: 'birch.example', created_at: at, account_manager_id: null },
    ])
    .returning('id')
    .execute();
  const organisations = { acorn: acorn!.id, birch: birch!.id };
  const users = {
    ann: await insertUser(db, {
      email: 'ann.agent@desk.example',
      name: 'Ann Agent',
      role: 'agent',
      organisation_id: null,
    }),
    bob: await insertUser(db, {
      email: 'bob.agent@desk.example',
      name: 'Bob Agent',
      role: 'agent',
      organisation_id: null,
    }),
    cat: await insertUser(db, {
      email: 'cat.agent@desk.example',
      name: 'Cat Agent',
      role: 'agent',
      organisation_id: null,
    }),
    jo: await insertUser(db, {
      email: 'jo.bloggs@acorn.example',
      name: 'Jo Bloggs',
      role: 'end_user',
      organisation_id: organisations.acorn,
    }),
  };
  await db
    .updateTable('desk_organisations')
    .set({ account_manager_id: users.ann })
    .where('id', '=', organisations.acorn)
    .execute();
  const teamRows = await db
    .insertInto('desk_teams')
    .values([
      { key: 'network', name: 'Network' },
      { key: 'service-desk', name: 'Service Desk' },
    ])
    .returning(['id', 'key'])
    .execute();
  const teamId = (key: string | null) =>
    key === null ? null : teamRows.find((team) => team.key === key)!.id;
  const type = await db
    .insertInto('desk_ticket_types')
    .values({
      key: 'incident',
      name: 'Incident',
      description: 'Broken',
      fields: '[]',
      default_team_id: null,
      default_priority: 3,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const tickets = {} as Record<keyof typeof ticketSeeds, number>;
  for (const [name, t] of Object.entries(ticketSeeds)) {
    const row = await db
      .insertInto('desk_tickets')
      .values({
        type_id: type.id,
        summary: `Fixture ticket ${name}`,
        details: 'Made for the reports tests.',
        status: t.status,
        priority: t.priority,
        category: null,
        team_id: teamId(t.team),
        agent_id: t.agent === null ? null : users[t.agent],
        requester_id: users.jo,
        organisation_id: organisations.acorn,
        custom_fields: '{}',
        response_due_at: t.responseDue,
        resolution_due_at: t.resolutionDue,
        responded_at: t.responded,
        resolved_at: t.resolved,
        created_at: t.created,
        updated_at: t.created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    tickets[name as keyof typeof ticketSeeds] = row.id;
  }
  for (const [who, ticket, minutes, loggedAt] of timeSeeds) {
    await db
      .insertInto('desk_time_entries')
      .values({
        ticket_id: tickets[ticket],
        user_id: users[who],
        minutes,
        note: '',
        logged_at: loggedAt,
      })
      .execute();
  }
  const services = await db
    .insertInto('desk_services')
    .values([
      {
        key: 'managed-laptops',
        name: 'Managed Laptops',
        description: 'Laptops we look after',
        category: 'Devices',
      },
      { key: 'backup', name: 'Cloud Backup', description: 'Nightly backups', category: 'Data' },
      { key: 'voip', name: 'Hosted VoIP', description: 'Phones', category: 'Telephony' },
    ])
    .returning(['id', 'key'])
    .execute();
  const serviceId = (key: string) => services.find((service) => service.key === key)!.id;
  await db
    .insertInto('desk_customer_services')
    .values([
      {
        organisation_id: organisations.acorn,
        service_id: serviceId('managed-laptops'),
        since: '2025-06-01T00:00:00.000Z',
      },
      {
        organisation_id: organisations.acorn,
        service_id: serviceId('backup'),
        since: '2025-09-01T00:00:00.000Z',
      },
    ])
    .execute();
  return { tickets, users, organisations };
}
