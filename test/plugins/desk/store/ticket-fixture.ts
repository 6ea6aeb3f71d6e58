import type { Kysely } from 'kysely';
import type { Principal, Role } from '../../../../core/index.js';
import type { DeskTables, TicketFieldDefinition } from '../../../../plugins/desk/schema/tables.js';
import { createDeskStore, type DeskStore } from '../../../../plugins/desk/store/desk-store.js';
import type { TestEngine } from '../../../helpers/test-databases.js';
import { openDeskTestDatabase, type DeskTestDatabase } from '../desk-test-database.js';

/** The fixed clock of the ticket tests: tickets are created "now". */
export const fixtureNow = new Date('2026-02-02T10:00:00.000Z');

/** SLA policies: P1 15 min / 4 h, P2 1 h / 8 h, P3 4 h / 24 h, P4 8 h / 72 h. */
export const fixturePolicies = [
  { priority: 1, response_minutes: 15, resolution_minutes: 240, at_risk_percent: 50 },
  { priority: 2, response_minutes: 60, resolution_minutes: 480, at_risk_percent: 75 },
  { priority: 3, response_minutes: 240, resolution_minutes: 1440, at_risk_percent: 75 },
  { priority: 4, response_minutes: 480, resolution_minutes: 4320, at_risk_percent: 75 },
];

/** The opportunity type's own fields. */
export const opportunityFields: readonly TicketFieldDefinition[] = [
  { key: 'company', label: 'Company', type: 'string', required: true },
  { key: 'estimated_value', label: 'Estimated value', type: 'number', required: true },
  {
    key: 'stage',
    label: 'Stage',
    type: 'enum',
    required: false,
    options: ['lead', 'proposal', 'won', 'lost'],
    default: 'lead',
  },
  { key: 'close_by', label: 'Close by', type: 'date', required: false },
];

type Users = Record<'jo' | 'sam' | 'kim' | 'ann' | 'bob' | 'eve', number>;

/** Principals as the core builds them; scopes are the effective set. */
export function principalFor(
  email: string,
  options: { role?: Role; scopes?: readonly string[] } = {},
): Principal {
  const role = options.role ?? 'end_user';
  const scopes =
    options.scopes ??
    (role === 'end_user'
      ? ['tickets:read:own', 'tickets:write:own']
      : ['tickets:read:all', 'tickets:write:all', 'time:write']);
  return {
    userId: email,
    role,
    organisationId: undefined,
    email,
    clientId: role === 'end_user' ? 'claude-desktop' : 'copilot-studio',
    scopes: new Set(scopes),
    collectionId: role === 'end_user' ? 'user' : 'agent',
  };
}

/** Jo and Sam work at Acorn, Kim at Birch; Ann and Bob are agents, Eve an inactive agent. */
export const people = {
  jo: principalFor('jo.bloggs@acorn.example'),
  joOrg: principalFor('Jo.Bloggs@acorn.example', {
    scopes: ['tickets:read:org', 'tickets:write:org'],
  }),
  sam: principalFor('sam.smith@acorn.example'),
  kim: principalFor('kim.lee@birch.example'),
  ann: principalFor('ann.agent@desk.example', { role: 'agent' }),
  bob: principalFor('bob.agent@desk.example', { role: 'agent' }),
  service: principalFor('reporting-bot', { role: 'service' }),
} as const;

/** A migrated database with organisations, people, teams, types, SLA policies and quick actions. */
export interface TicketFixture {
  readonly database: DeskTestDatabase;
  readonly db: Kysely<DeskTables>;
  readonly store: DeskStore;
  readonly users: Users;
  readonly teams: Record<'serviceDesk' | 'network', number>;
  readonly organisations: Record<'acorn' | 'birch', number>;
  close(): Promise<void>;
}

async function insertUser(
  db: Kysely<DeskTables>,
  user: { email: string; name: string; role: Role; organisation: number | null; active?: number },
): Promise<number> {
  const row = await db
    .insertInto('desk_users')
    .values({
      email: user.email,
      name: user.name,
      role: user.role === 'service' ? 'admin' : user.role,
      organisation_id: user.organisation,
      phone: null,
      title: null,
      password_hash: null,
      active: user.active ?? 1,
      created_at: '2026-01-01T00:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Opens a fresh database of `engine` and fills it with the fixture's reference data. */
export async function openTicketFixture(engine: TestEngine): Promise<TicketFixture> {
  const database = await openDeskTestDatabase(engine);
  const db = database.db;
  const at = '2026-01-01T00:00:00.000Z';
  const org = async (name: string) =>
    (
      await db
        .insertInto('desk_organisations')
        .values({ name, domain: null, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const organisations = {
    acorn: await org('Acorn Construction'),
    birch: await org('Birch Dental'),
  };
  const team = async (key: string, name: string) =>
    (
      await db
        .insertInto('desk_teams')
        .values({ key, name })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const teams = {
    serviceDesk: await team('service-desk', 'Service Desk'),
    network: await team('network', 'Network'),
  };
  const users: Users = {
    jo: await insertUser(db, {
      email: 'jo.bloggs@acorn.example',
      name: 'Jo Bloggs',
      role: 'end_user',
      organisation: organisations.acorn,
    }),
    sam: await insertUser(db, {
      email: 'sam.smith@acorn.example',
      name: 'Sam Smith',
      role: 'end_user',
      organisation: organisations.acorn,
    }),
    kim: await insertUser(db, {
      email: 'kim.lee@birch.example',
      name: 'Kim Lee',
      role: 'end_user',
      organisation: organisations.birch,
    }),
    ann: await insertUser(db, {
      email: 'ann.agent@desk.example',
      name: 'Ann Agent',
      role: 'agent',
      organisation: null,
    }),
    bob: await insertUser(db, {
      email: 'bob.agent@desk.example',
      name: 'Bob Agent',
      role: 'agent',
      organisation: null,
    }),
    eve: await insertUser(db, {
      email: 'eve.gone@desk.example',
      name: 'Eve Gone',
      role: 'agent',
      organisation: null,
      active: 0,
    }),
  };
  await db
    .insertInto('desk_team_members')
    .values([{ team_id: teams.network, user_id: users.ann }])
    .execute();
  await db
    .insertInto('desk_ticket_types')
    .values([
      {
        key: 'incident',
        name: 'Incident',
        description: 'Something is broken',
        fields: '[]',
        default_team_id: teams.serviceDesk,
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
    .execute();
  await db.insertInto('desk_sla_policies').values(fixturePolicies).execute();
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
            subject: 'Ticket {{ticket.id}} resolved: {{ticket.summary}}',
            body: 'Hello {{requester.name}},\n\n{{agent.name}} has resolved your ticket {{ticket.id}}.',
          },
        }),
      },
      {
        key: 'escalate_to_network',
        name: 'Escalate to Network',
        description: 'P1, Network team, assigned to me',
        changes: JSON.stringify({
          team_key: 'network',
          priority: 1,
          assign_to_caller: true,
          status: 'open',
        }),
      },
    ])
    .execute();
  const store = createDeskStore({ db, engine: database.engine, now: () => fixtureNow });
  return { database, db, store, users, teams, organisations, close: () => database.close() };
}
