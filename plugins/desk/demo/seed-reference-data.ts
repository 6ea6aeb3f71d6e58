import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/password.js';
import type { DeskTables } from '../schema/tables.js';
import { demoCatalogueItems, demoCustomerServices, demoServices } from './demo-catalogue.js';
import { demoQuickActions, demoSlaPolicies, demoTicketTypes } from './demo-desk-settings.js';
import { demoOrganisations, demoTeams, demoUsers } from './demo-directory.js';
import { kbArticles } from './kb-articles.js';

/** Ids of the reference rows, by natural key, for the ticket rows that point at them. */
export interface ReferenceIds {
  readonly organisations: ReadonlyMap<string, number>;
  readonly teams: ReadonlyMap<string, number>;
  readonly users: ReadonlyMap<string, number>;
  readonly ticketTypes: ReadonlyMap<string, number>;
}

function byKey<T extends { id: number }>(rows: readonly T[], key: (row: T) => string) {
  return new Map(rows.map((row) => [key(row), row.id]));
}

function idOf(map: ReadonlyMap<string, number>, key: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`demo data refers to unknown "${key}"`);
  return id;
}

/**
 * Inserts organisations, teams, users (demo accounts with scrypt hashes), ticket types, SLA
 * policies, quick actions, KB articles, services, the catalogue and customer services.
 */
export async function seedReferenceData(
  db: Kysely<DeskTables>,
  createdAt: string,
): Promise<ReferenceIds> {
  const passwordHashes = new Map(
    await Promise.all(
      demoUsers
        .filter((user) => user.password !== undefined)
        .map(async (user) => [user.email, await hashPassword(user.password ?? '')] as const),
    ),
  );
  const organisations = byKey(
    await db
      .insertInto('desk_organisations')
      .values(
        demoOrganisations.map((o) => ({ name: o.name, domain: o.domain, created_at: createdAt })),
      )
      .returning(['id', 'name'])
      .execute(),
    (row) => row.name,
  );
  const teams = byKey(
    await db
      .insertInto('desk_teams')
      .values([...demoTeams])
      .returning(['id', 'key'])
      .execute(),
    (row) => row.key,
  );
  const users = byKey(
    await db
      .insertInto('desk_users')
      .values(
        demoUsers.map((user) => ({
          email: user.email.toLowerCase(),
          name: user.name,
          role: user.role,
          organisation_id: idOf(organisations, user.organisation),
          phone: user.phone,
          title: user.title,
          password_hash: passwordHashes.get(user.email) ?? null,
          active: 1,
          created_at: createdAt,
        })),
      )
      .returning(['id', 'email'])
      .execute(),
    (row) => row.email,
  );
  for (const organisation of demoOrganisations) {
    if (organisation.accountManager === undefined) continue;
    await db
      .updateTable('desk_organisations')
      .set({ account_manager_id: idOf(users, organisation.accountManager) })
      .where('id', '=', idOf(organisations, organisation.name))
      .execute();
  }
  await db
    .insertInto('desk_team_members')
    .values(
      demoUsers.flatMap((user) =>
        user.teams.map((team) => ({
          team_id: idOf(teams, team),
          user_id: idOf(users, user.email.toLowerCase()),
        })),
      ),
    )
    .execute();
  const ticketTypes = byKey(
    await db
      .insertInto('desk_ticket_types')
      .values(
        demoTicketTypes.map((type) => ({
          key: type.key,
          name: type.name,
          description: type.description,
          fields: JSON.stringify(type.fields),
          default_team_id: type.defaultTeam === null ? null : idOf(teams, type.defaultTeam),
          default_priority: type.defaultPriority,
        })),
      )
      .returning(['id', 'key'])
      .execute(),
    (row) => row.key,
  );
  await db
    .insertInto('desk_sla_policies')
    .values([...demoSlaPolicies])
    .execute();
  await db
    .insertInto('desk_quick_actions')
    .values(demoQuickActions.map((a) => ({ ...a, changes: JSON.stringify(a.changes) })))
    .execute();
  await db
    .insertInto('desk_kb_articles')
    .values(
      kbArticles.map((article) => ({
        slug: article.slug,
        title: article.title,
        body: article.body,
        tags: JSON.stringify(article.tags),
        category: article.category,
        published: 1,
        created_at: createdAt,
        updated_at: createdAt,
      })),
    )
    .execute();
  const services = byKey(
    await db
      .insertInto('desk_services')
      .values([...demoServices])
      .returning(['id', 'key'])
      .execute(),
    (row) => row.key,
  );
  await db
    .insertInto('desk_catalogue_items')
    .values(
      demoCatalogueItems.map((item) => ({
        key: item.key,
        name: item.name,
        description: item.description,
        service_id: item.service === null ? null : idOf(services, item.service),
        ticket_type_id: idOf(ticketTypes, item.ticketType),
        default_team_id: idOf(teams, item.team),
      })),
    )
    .execute();
  await db
    .insertInto('desk_customer_services')
    .values(
      Object.entries(demoCustomerServices).flatMap(([organisation, keys]) =>
        keys.map((key) => ({
          organisation_id: idOf(organisations, organisation),
          service_id: idOf(services, key),
          since: createdAt,
        })),
      ),
    )
    .execute();
  return { organisations, teams, users, ticketTypes };
}

export { idOf as referenceId };
