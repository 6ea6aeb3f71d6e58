import type { Kysely } from 'kysely';
import type { DeskTables, TicketStatus } from '../../../plugins/desk/index.js';

const at = '2026-01-01T00:00:00.000Z';

/** People by short name; the dev token of each is `<name>-token`, its client id below. */
export const people = {
  jo: { email: 'jo.bloggs@acorn.example', name: 'Jo Bloggs', role: 'end_user', org: 'acorn' },
  sam: { email: 'sam.smith@acorn.example', name: 'Sam Smith', role: 'end_user', org: 'acorn' },
  kim: { email: 'kim.lee@birch.example', name: 'Kim Lee', role: 'end_user', org: 'birch' },
  ann: { email: 'ann.agent@desk.example', name: 'Ann Agent', role: 'agent', org: null },
  bob: { email: 'bob.agent@desk.example', name: 'Bob Agent', role: 'agent', org: null },
} as const;

/** The opportunity type's own fields: company and estimated_value are required. */
const opportunityFields = [
  { key: 'company', label: 'Company', type: 'string', required: true },
  { key: 'estimated_value', label: 'Estimated value', type: 'number', required: true },
  { key: 'stage', label: 'Stage', type: 'enum', required: false, options: ['lead', 'won'] },
];

/** Organisations, teams, people, ticket types, SLA policies and quick actions. */
export async function insertReferenceData(db: Kysely<DeskTables>) {
  const orgs = await db
    .insertInto('desk_organisations')
    .values([
      { name: 'Acorn Construction', domain: 'acorn.example', created_at: at },
      { name: 'Birch Dental', domain: 'birch.example', created_at: at },
    ])
    .returning(['id', 'name'])
    .execute();
  const orgId = (org: 'acorn' | 'birch') => orgs[org === 'acorn' ? 0 : 1]!.id;
  const teams = await db
    .insertInto('desk_teams')
    .values([
      { key: 'service-desk', name: 'Service Desk' },
      { key: 'network', name: 'Network' },
    ])
    .returning(['id', 'key'])
    .execute();
  const users: Record<string, number> = {};
  for (const [short, p] of Object.entries(people)) {
    const row = await db
      .insertInto('desk_users')
      .values({
        email: p.email,
        name: p.name,
        role: p.role,
        organisation_id: p.org === null ? null : orgId(p.org),
        phone: null,
        title: null,
        password_hash: null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    users[short] = row.id;
  }
  const types = await db
    .insertInto('desk_ticket_types')
    .values([
      {
        key: 'incident',
        name: 'Incident',
        description: 'Something is broken',
        fields: '[]',
        default_team_id: teams[0]!.id,
        default_priority: 3,
      },
      {
        key: 'opportunity',
        name: 'Opportunity',
        description: 'A sales lead',
        fields: JSON.stringify(opportunityFields),
        default_team_id: null,
        default_priority: 4,
      },
    ])
    .returning(['id', 'key'])
    .execute();
  await db
    .insertInto('desk_sla_policies')
    .values([
      { priority: 1, response_minutes: 15, resolution_minutes: 240, at_risk_percent: 50 },
      { priority: 2, response_minutes: 60, resolution_minutes: 480, at_risk_percent: 75 },
      { priority: 3, response_minutes: 240, resolution_minutes: 1440, at_risk_percent: 75 },
      { priority: 4, response_minutes: 480, resolution_minutes: 4320, at_risk_percent: 75 },
    ])
    .execute();
  await db
    .insertInto('desk_quick_actions')
    .values([
      {
        key: 'resolve_and_notify',
        name: 'Resolve and tell the requester',
        description: 'Marks the ticket resolved and e-mails the requester',
        changes: JSON.stringify({
          status: 'resolved',
          email_template: {
            subject: 'Ticket {{ticket.id}} resolved',
            body: 'Hello {{requester.name}}',
          },
        }),
      },
      {
        key: 'escalate_to_network',
        name: 'Escalate to Network',
        description: 'P1, Network team, assigned to me',
        changes: JSON.stringify({ team_key: 'network', priority: 1, assign_to_caller: true }),
      },
    ])
    .execute();
  await db
    .insertInto('desk_catalogue_items')
    .values({
      key: 'vpn-access',
      name: 'VPN access',
      description: 'Remote access to the office network',
      service_id: null,
      ticket_type_id: types[0]!.id,
      default_team_id: teams[1]!.id,
    })
    .execute();
  return { users, incident: types[0]!.id, network: teams[1]!.id };
}

/** Ticket ids of the fixture by name. */
export type FixtureTickets = Record<
  'breached' | 'urgent' | 'atRisk' | 'fresh' | 'done' | 'joVpn' | 'samPrinter' | 'kimEmail',
  number
>;

interface Seed {
  readonly summary: string;
  readonly details: string;
  readonly requester: string;
  readonly agent?: string;
  readonly priority: number;
  readonly status?: TicketStatus;
  readonly created: string;
  readonly due: string;
}

const seeds: Record<keyof FixtureTickets, Seed> = {
  // Ann's queue. By breach risk: breached (-120 min), atRisk (120), urgent (180), fresh.
  breached: {
    summary: 'Payroll export fails',
    details: 'The export job errors.',
    requester: 'sam',
    agent: 'ann',
    priority: 2,
    created: '2026-02-02T00:00:00.000Z',
    due: '2026-02-02T08:00:00.000Z',
  },
  urgent: {
    summary: 'Site office offline',
    details: 'No connection at all.',
    requester: 'kim',
    agent: 'ann',
    priority: 1,
    created: '2026-02-02T09:00:00.000Z',
    due: '2026-02-02T13:00:00.000Z',
  },
  atRisk: {
    summary: 'Shared drive slow',
    details: 'Opening files takes minutes.',
    requester: 'sam',
    agent: 'ann',
    priority: 3,
    created: '2026-02-01T12:00:00.000Z',
    due: '2026-02-02T12:00:00.000Z',
  },
  fresh: {
    summary: 'New starter laptop',
    details: 'Laptop for a new starter.',
    requester: 'kim',
    agent: 'ann',
    priority: 4,
    created: '2026-02-02T09:30:00.000Z',
    due: '2026-02-05T09:30:00.000Z',
  },
  done: {
    summary: 'Old printer jam',
    details: 'Fixed already.',
    requester: 'kim',
    agent: 'ann',
    priority: 3,
    status: 'resolved',
    created: '2026-01-20T09:00:00.000Z',
    due: '2026-01-21T09:00:00.000Z',
  },
  joVpn: {
    summary: 'VPN keeps dropping in London',
    details: 'The VPN disconnects every few minutes on the London office network.',
    requester: 'jo',
    priority: 2,
    created: '2026-01-30T09:00:00.000Z',
    due: '2026-01-30T17:00:00.000Z',
  },
  samPrinter: {
    summary: 'Printer offline on floor 2',
    details: 'The floor 2 printer shows offline.',
    requester: 'sam',
    priority: 3,
    created: '2026-01-29T09:00:00.000Z',
    due: '2026-01-30T09:00:00.000Z',
  },
  kimEmail: {
    summary: 'Email bounces from supplier',
    details: 'Mail from the supplier domain bounces.',
    requester: 'kim',
    priority: 3,
    created: '2026-01-28T09:00:00.000Z',
    due: '2026-01-29T09:00:00.000Z',
  },
};

/** The fixture tickets, with fixed creation and due times; returns their ids by name. */
export async function insertTickets(
  db: Kysely<DeskTables>,
  ref: Awaited<ReturnType<typeof insertReferenceData>>,
): Promise<FixtureTickets> {
  const tickets = {} as FixtureTickets;
  for (const [name, seed] of Object.entries(seeds)) {
    const requester = ref.users[seed.requester]!;
    const user = await db
      .selectFrom('desk_users')
      .select('organisation_id')
      .where('id', '=', requester)
      .executeTakeFirstOrThrow();
    const row = await db
      .insertInto('desk_tickets')
      .values({
        type_id: ref.incident,
        summary: seed.summary,
        details: seed.details,
        status: seed.status ?? (seed.agent === undefined ? 'new' : 'open'),
        priority: seed.priority,
        category: null,
        team_id: seed.summary.startsWith('VPN') ? ref.network : null,
        agent_id: seed.agent === undefined ? null : ref.users[seed.agent]!,
        requester_id: requester,
        organisation_id: user.organisation_id,
        custom_fields: '{}',
        response_due_at: seed.created,
        resolution_due_at: seed.due,
        responded_at: seed.agent === undefined ? null : seed.created,
        resolved_at: seed.status === 'resolved' ? seed.due : null,
        created_at: seed.created,
        updated_at: seed.created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    tickets[name as keyof FixtureTickets] = row.id;
  }
  return tickets;
}
