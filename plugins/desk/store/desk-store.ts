import { createDeskCatalogue, type DeskCatalogue } from '../catalogue/service-catalogue.js';
import { createDeskKnowledgeBase, type DeskKnowledgeBase } from '../knowledge/knowledge-base.js';
import { createDeskSearch, type DeskSearch } from '../search/desk-search.js';
import { createDeskSla, type DeskSla } from '../sla/desk-sla.js';
import { createDeskDirectory, type DeskDirectory } from './directory.js';
import type { DeskStoreContext } from './store-context.js';
import { createTicketStore, type TicketStore } from './ticket-store.js';

/**
 * The typed service the desk plugin provides as `deskStoreRef` (plugins/desk/api.ts), composed of
 * parts; each part lives in its own file and takes the principal first on every method.
 *
 * @example
 * const desk = ctx.services.get(deskStoreRef);
 * const me = await desk.directory.resolvePrincipal(ctx.principal);
 */
export interface DeskStore {
  /** Request forms, ticket types, services and which services each customer has. */
  readonly catalogue: DeskCatalogue;
  readonly directory: DeskDirectory;
  /** Reading knowledge-base articles and e-mailing them to users. */
  readonly knowledge: DeskKnowledgeBase;
  /** Full-text search of tickets (row-scoped) and knowledge-base articles. */
  readonly search: DeskSearch;
  readonly sla: DeskSla;
  readonly tickets: TicketStore;
}

/** Builds every part of the store over one database. */
export function createDeskStore(context: DeskStoreContext): DeskStore {
  const directory = createDeskDirectory(context);
  return Object.freeze({
    catalogue: createDeskCatalogue(context, directory),
    directory,
    knowledge: createDeskKnowledgeBase(context, directory),
    search: createDeskSearch(context, directory),
    sla: createDeskSla(context, directory),
    tickets: createTicketStore(context, directory),
  });
}
