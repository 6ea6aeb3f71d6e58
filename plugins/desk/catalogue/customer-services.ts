import type { Kysely } from 'kysely';
import type { Principal } from '../../../core/index.js';
import type { DeskTables } from '../schema/tables.js';
import { isStaff, type DeskDirectory } from '../store/directory.js';
import type { DeskService, OrganisationServices } from './catalogue-views.js';

/** How a caller names an organisation: its id, or its name in any case. */
export type OrganisationReference = number | string;

/** Every service the desk provides, by name. */
export function readServices(db: Kysely<DeskTables>): Promise<DeskService[]> {
  return db
    .selectFrom('desk_services')
    .select(['id', 'key', 'name', 'description', 'category'])
    .orderBy('name')
    .orderBy('key')
    .execute();
}

async function findOrganisation(db: Kysely<DeskTables>, reference: OrganisationReference) {
  const query = db.selectFrom('desk_organisations').select(['id', 'name', 'account_manager_id']);
  if (typeof reference === 'number') {
    if (!Number.isSafeInteger(reference)) return undefined;
    return query.where('id', '=', reference).executeTakeFirst();
  }
  const wanted = reference.trim().toLowerCase();
  const all = await query.execute();
  return all.find((row) => row.name.toLowerCase() === wanted);
}

/**
 * Every service with whether organisation `reference` has it (the whitespace a sales follow-up
 * looks for), and the organisation's account manager. An end user reaches only their own
 * organisation; any other is "not found" (undefined), like one that does not exist.
 */
export async function servicesOfOrganisation(
  parts: { readonly db: Kysely<DeskTables>; readonly directory: DeskDirectory },
  principal: Principal,
  reference: OrganisationReference,
): Promise<OrganisationServices | undefined> {
  const organisation = await findOrganisation(parts.db, reference);
  if (organisation === undefined) return undefined;
  if (!isStaff(principal)) {
    const self = await parts.directory.resolvePrincipal(principal);
    if (self?.organisation_id !== organisation.id) return undefined;
  }
  const [services, held, manager] = await Promise.all([
    readServices(parts.db),
    parts.db
      .selectFrom('desk_customer_services')
      .select(['service_id', 'since'])
      .where('organisation_id', '=', organisation.id)
      .execute(),
    organisation.account_manager_id === null
      ? undefined
      : parts.db
          .selectFrom('desk_users')
          .select(['id', 'name', 'email'])
          .where('id', '=', organisation.account_manager_id)
          .executeTakeFirst(),
  ]);
  const since = new Map(held.map((row) => [row.service_id, row.since]));
  return {
    organisation: { id: organisation.id, name: organisation.name },
    accountManager: manager ?? null,
    services: services.map((service) => ({
      ...service,
      has: since.has(service.id),
      since: since.get(service.id) ?? null,
    })),
  };
}
