import type { Principal } from '../../../core/index.js';
import type { DeskDirectory } from '../store/directory.js';
import type { DeskStoreContext } from '../store/store-context.js';
import { searchCatalogue, type CatalogueSearchInput } from './catalogue-search.js';
import type {
  CatalogueEntry,
  DeskService,
  OrganisationServices,
  TicketTypeInfo,
} from './catalogue-views.js';
import {
  readServices,
  servicesOfOrganisation,
  type OrganisationReference,
} from './customer-services.js';
import { readTicketTypes } from './ticket-types.js';

/**
 * The service catalogue: request forms and the ticket types they create, the services the desk
 * provides, and which services each customer has. The catalogue is public to every caller; which
 * services an organisation has is visible to staff and to that organisation's own users.
 *
 * @example
 * const [laptop] = await desk.catalogue.search(ctx.principal, { text: 'new laptop' });
 * const acorn = await desk.catalogue.servicesOfOrganisation(ctx.principal, 'Acorn Construction');
 * const gaps = acorn?.services.filter((service) => !service.has);
 */
export interface DeskCatalogue {
  /** Request forms matching the words, best first; every form by name without text. */
  search(principal: Principal, input?: CatalogueSearchInput): Promise<readonly CatalogueEntry[]>;
  /** One request form by key; undefined when there is none. */
  getEntry(principal: Principal, key: string): Promise<CatalogueEntry | undefined>;
  /** Every ticket type with its own fields, default team and priority. */
  listTicketTypes(principal: Principal): Promise<readonly TicketTypeInfo[]>;
  /** One ticket type by key; undefined when there is none. */
  getTicketType(principal: Principal, key: string): Promise<TicketTypeInfo | undefined>;
  /** Every service the desk provides. */
  listServices(principal: Principal): Promise<readonly DeskService[]>;
  /** Every service with has / has not for one organisation (by id or name). */
  servicesOfOrganisation(
    principal: Principal,
    organisation: OrganisationReference,
  ): Promise<OrganisationServices | undefined>;
}

/** Creates the catalogue part of the desk store. */
export function createDeskCatalogue(
  context: DeskStoreContext,
  directory: DeskDirectory,
): DeskCatalogue {
  const { db } = context;
  return Object.freeze({
    search: (_principal, input = {}) => searchCatalogue(db, input),
    getEntry: async (_principal, key) => (await searchCatalogue(db, { key, limit: 1 }))[0],
    listTicketTypes: () => readTicketTypes(db),
    getTicketType: async (_principal, key) => (await readTicketTypes(db, key))[0],
    listServices: () => readServices(db),
    servicesOfOrganisation: (principal, organisation) =>
      servicesOfOrganisation({ db, directory }, principal, organisation),
  } satisfies DeskCatalogue);
}
