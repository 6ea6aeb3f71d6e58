import { createDeskCatalogue, type DeskCatalogue } from '../catalogue/service-catalogue.js';
import { createDeskKnowledgeBase, type DeskKnowledgeBase } from '../knowledge/knowledge-base.js';
import { createDeskSearch, type DeskSearch } from '../search/desk-search.js';
import { createDeskSla, type DeskSla } from '../sla/desk-sla.js';
import { runDeskTransaction, type DeskTransaction } from './desk-transaction.js';
import { createDeskDirectory, type DeskDirectory } from './directory.js';
import type { DeskStoreContext } from './store-context.js';
import { createTicketStore, type TicketStore } from './ticket-store.js';

/**
 * The parts of the desk store, each in its own file; every method takes the principal first.
 * `desk.transaction` hands its callback the same parts bound to its transaction (`tx.desk`).
 *
 * @example
 * const me = await desk.directory.resolvePrincipal(ctx.principal);
 */
export interface DeskStoreParts {
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

/**
 * The typed service the desk plugin provides under `deskServiceId`: its parts, and
 * {@link DeskStore.transaction} for a plugin that writes its own rows together with the desk's.
 *
 * @example
 * const desk = ctx.services.get(defineServiceRef<DeskStore>(deskServiceId));
 * const me = await desk.directory.resolvePrincipal(ctx.principal);
 */
export interface DeskStore extends DeskStoreParts {
  /**
   * Runs `work` in one database transaction: the desk's writes through `tx.desk` (with their
   * history, outbox and search-index rows) and the plugin's own through `tx.db` all commit when it
   * returns, or all roll back when it throws, its error propagating unchanged. Do side effects
   * (notifications, calls to other systems) after it resolves, never inside. Inside, use only
   * `tx`: on SQLite a call to `desk` itself would wait for this very transaction to end.
   *
   * @example
   * await desk.transaction(async (tx) => {
   *   await tx.db.withTables<NocTables>().insertInto('noc_pages').values(page).execute();
   *   await tx.desk.tickets.addNote(ctx.principal, { ticketId, body, visibility: 'private' });
   * });
   */
  transaction<T>(work: (tx: DeskTransaction) => Promise<T>): Promise<T>;
}

/** Builds every part of the store over one database (or one transaction). */
function createDeskStoreParts(context: DeskStoreContext): DeskStoreParts {
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

/**
 * Builds the desk store over one database.
 *
 * @example
 * const store = createDeskStore({ db: ctx.db.withTables<DeskTables>(), engine: ctx.engine, now });
 */
export function createDeskStore(context: DeskStoreContext): DeskStore {
  return Object.freeze({
    ...createDeskStoreParts(context),
    transaction: <T>(work: (tx: DeskTransaction) => Promise<T>) =>
      runDeskTransaction(context, { build: createDeskStoreParts, work }),
  });
}
