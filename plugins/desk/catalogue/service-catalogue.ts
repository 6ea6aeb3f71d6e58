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
  /**
   * Searches the request forms. Each query word scores for every part of a form that holds it
   * (name above service above ticket type and description, plural and verb endings cut), and forms
   * holding more of the words rank first. Text with no searchable word finds nothing.
   *
   * @param principal - The caller.
   * @param input - `text` (without it, every form by name), `limit` (20 by default, kept within
   *   1–100) and `key` (only that form).
   * @returns The matching forms, best first, each with its service, ticket type, default team and
   *   score.
   * @rowScope Not row-scoped: the catalogue is the same for every caller. No scope is checked: the
   *   tools that read it declare `catalogue:read`.
   */
  search(principal: Principal, input?: CatalogueSearchInput): Promise<readonly CatalogueEntry[]>;
  /**
   * One request form by key.
   *
   * @param principal - The caller.
   * @param key - The form's key, e.g. `vpn-access` (any case).
   * @returns The form, or undefined when there is none.
   * @rowScope Not row-scoped: the same for every caller. No scope is checked.
   */
  getEntry(principal: Principal, key: string): Promise<CatalogueEntry | undefined>;
  /**
   * Every ticket type with its own fields, default team and priority, by name.
   *
   * @param principal - The caller.
   * @returns Every ticket type.
   * @rowScope Not row-scoped: the same for every caller. No scope is checked.
   */
  listTicketTypes(principal: Principal): Promise<readonly TicketTypeInfo[]>;
  /**
   * One ticket type by key, with its own fields, default team and priority.
   *
   * @param principal - The caller.
   * @param key - The type's key, e.g. `incident` (any case).
   * @returns The ticket type, or undefined when there is none.
   * @rowScope Not row-scoped: the same for every caller. No scope is checked.
   */
  getTicketType(principal: Principal, key: string): Promise<TicketTypeInfo | undefined>;
  /**
   * Every service the desk provides, by name.
   *
   * @param principal - The caller.
   * @returns Every service.
   * @rowScope Not row-scoped: the same for every caller. No scope is checked.
   */
  listServices(principal: Principal): Promise<readonly DeskService[]>;
  /**
   * Every service the desk provides with whether one organisation has it (and since when), and
   * the organisation's account manager: the gaps a sales follow-up looks for.
   *
   * @param principal - The caller, whose role decides which organisations it reaches.
   * @param organisation - The organisation's id, or its name in any case.
   * @returns The organisation, its account manager (or null) and every service with `has` and
   *   `since`; undefined when there is no such organisation or the caller may not see it.
   * @rowScope Agents, admins and service accounts reach every organisation; an end user only their
   *   own, any other being undefined like one that does not exist. No scope is checked.
   */
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
