import type { Kysely } from 'kysely';
import type { Principal, Role } from '../../../../core/index.js';
import type {
  DeskTables,
  NewDeskRow,
  TicketStatus,
} from '../../../../plugins/desk/schema/tables.js';

/** A principal as the core builds one, for the desk user with e-mail `email`. */
export function principalFor(
  email: string,
  options: { role?: Role; scopes?: readonly string[] } = {},
): Principal {
  return {
    userId: email,
    role: options.role ?? 'end_user',
    organisationId: undefined,
    email,
    clientId: 'search-test',
    scopes: new Set(options.scopes ?? ['tickets:read:own', 'kb:read']),
    collectionId: 'test',
  };
}

/** Two organisations, three end users, an agent, two teams, two ticket types. */
export async function insertSearchPeople(db: Kysely<DeskTables>) {
  const at = '2026-01-01T00:00:00.000Z';
  const org = async (name: string) =>
    (
      await db
        .insertInto('desk_organisations')
        .values({ name, domain: null, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const acorn = await org('Acorn Construction');
  const birch = await org('Birch Legal');
  const user = async (email: string, role: 'end_user' | 'agent', organisationId: number | null) =>
    (
      await db
        .insertInto('desk_users')
        .values({
          email,
          name: email.split('@')[0]!,
          role,
          organisation_id: organisationId,
          phone: null,
          title: null,
          password_hash: null,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const alice = await user('alice@acorn.example', 'end_user', acorn);
  const bob = await user('bob@acorn.example', 'end_user', acorn);
  const carol = await user('carol@birch.example', 'end_user', birch);
  const dave = await user('dave@desk.example', 'agent', null);
  const team = async (key: string) =>
    (
      await db
        .insertInto('desk_teams')
        .values({ key, name: key })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const network = await team('network');
  const hardware = await team('hardware');
  const type = async (key: string) =>
    (
      await db
        .insertInto('desk_ticket_types')
        .values({
          key,
          name: key,
          description: key,
          fields: '[]',
          default_team_id: null,
          default_priority: 3,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const incident = await type('incident');
  const request = await type('service_request');
  return { acorn, birch, alice, bob, carol, dave, network, hardware, incident, request };
}

export type SearchPeople = Awaited<ReturnType<typeof insertSearchPeople>>;

/** The fields a test names; the rest get plain defaults. */
export interface TicketSpec {
  readonly summary: string;
  readonly details?: string;
  readonly requesterId: number;
  readonly organisationId: number | null;
  readonly typeId: number;
  readonly status?: TicketStatus;
  readonly priority?: number;
  readonly teamId?: number | null;
  readonly agentId?: number | null;
  readonly category?: string | null;
  readonly createdAt?: string;
}

/** Inserts one ticket directly (the search index follows through the engine's own triggers). */
export async function insertTicket(db: Kysely<DeskTables>, spec: TicketSpec): Promise<number> {
  const createdAt = spec.createdAt ?? '2026-02-01T09:00:00.000Z';
  const row: NewDeskRow<'desk_tickets'> = {
    type_id: spec.typeId,
    summary: spec.summary,
    details: spec.details ?? '',
    status: spec.status ?? 'open',
    priority: spec.priority ?? 3,
    category: spec.category ?? null,
    team_id: spec.teamId ?? null,
    agent_id: spec.agentId ?? null,
    requester_id: spec.requesterId,
    organisation_id: spec.organisationId,
    custom_fields: '{}',
    response_due_at: null,
    resolution_due_at: null,
    responded_at: null,
    resolved_at: null,
    created_at: createdAt,
    updated_at: createdAt,
  };
  const inserted = await db
    .insertInto('desk_tickets')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Inserts an incident Alice at Acorn raised, for tests that need only its words and its id. */
export async function insertIncident(
  db: Kysely<DeskTables>,
  people: SearchPeople,
  summary: string,
): Promise<number> {
  const id = await insertTicket(db, {
    summary,
    details: 'Paper stuck in tray two.',
    requesterId: people.alice,
    organisationId: people.acorn,
    typeId: people.incident,
  });
  return Number(id);
}

/** Inserts one knowledge-base article. */
export async function insertArticle(
  db: Kysely<DeskTables>,
  spec: {
    slug: string;
    title: string;
    body: string;
    tags?: string[];
    category?: string;
    published?: boolean;
  },
): Promise<number> {
  const at = '2026-01-10T00:00:00.000Z';
  const inserted = await db
    .insertInto('desk_kb_articles')
    .values({
      slug: spec.slug,
      title: spec.title,
      body: spec.body,
      tags: JSON.stringify(spec.tags ?? []),
      category: spec.category ?? 'general',
      published: spec.published === false ? 0 : 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}
