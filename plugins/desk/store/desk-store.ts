import { createDeskCatalogue, type DeskCatalogue } from '../catalogue/service-catalogue.js';
import { createDeskKnowledgeBase, type DeskKnowledgeBase } from '../knowledge/knowledge-base.js';
import { createDeskSearch, type DeskSearch } from '../search/desk-search.js';
import { createDeskSla, type DeskSla } from '../sla/desk-sla.js';
import { runDeskTransaction, type DeskTransaction } from './desk-transaction.js';
import { createDeskDirectory, type DeskDirectory } from './directory.js';
import { createPrincipalCache } from './principal-cache.js';
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
  /** Users, organisations and teams. */
  readonly directory: DeskDirectory;
  /** Reading knowledge-base articles and e-mailing them to users. */
  readonly knowledge: DeskKnowledgeBase;
  /** Full-text search of tickets (row-scoped) and knowledge-base articles. */
  readonly search: DeskSearch;
  /** SLA policies, a ticket's SLA standing, and alerts. */
  readonly sla: DeskSla;
  /** Tickets with their notes, history, time, assignment and quick actions. */
  readonly tickets: TicketStore;
}

/**
 * The typed service the desk plugin provides under `deskServiceId`: the service desk's data in
 * parts, each in its own file, and `transaction` for a plugin that writes its own rows together
 * with the desk's. Every method takes the caller's `Principal` (`ctx.principal`: who,
 * with which role and effective scopes) first and applies row scope itself, so no plugin can reach
 * a row its caller may not. Every write runs in one
 * transaction and records a history row per changed field. Failures a caller can act on are
 * `ToolError`s (code `TOOL_FAILED`) whose message says what to do next; a tool that lets one
 * through answers the model with an `isError` result carrying that message.
 *
 * @rowScope Decided by the caller's role and scopes. An end user reaches the tickets they
 *   requested, and their organisation's with a `tickets:*:org` scope; agents, admins and service
 *   accounts reach every ticket. A row out of reach reads exactly like one that does not exist.
 *   Each method below states its own rule.
 * @throws {STORAGE_BUSY} Any method: the database could not do the work in time (SQLite's write
 *   lock held past `DATABASE_LOCK_TIMEOUT_MS`; on PostgreSQL a statement, lock or pool timeout,
 *   whose driver error the tool boundary classifies). Retry the call.
 * @throws {STORAGE_UNAVAILABLE} Any method: the database failed the call for a reason of its own
 *   (a lost connection, a full disk or a read-only file), classified at the tool boundary. Retry
 *   once it answers again.
 *
 * @example
 * const desk = ctx.services.get(deskStoreRef);
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
   * @param work The caller's reads and writes, through `tx.desk` and `tx.db` only; run once, never
   *   retried (a store write that meets a conflict is retried inside it, in its savepoint).
   * @returns What `work` returns, once the transaction has committed.
   * @rowScope Each `tx.desk` method applies its own rule to the principal it is given, as outside a
   *   transaction; `tx.db` reaches the plugin's tables with no row scope of the desk's.
   * @throws {STORAGE_TRANSACTION_CLOSED} A `tx` method or query used after `work` has returned.
   * @throws {TOOL_FAILED} Whatever a `tx.desk` write refuses, as outside a transaction; the whole
   *   transaction rolls back if `work` lets it through.
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
  const shared = { ...context, principals: context.principals ?? createPrincipalCache() };
  return Object.freeze({
    ...createDeskStoreParts(shared),
    transaction: <T>(work: (tx: DeskTransaction) => Promise<T>) =>
      runDeskTransaction(shared, { build: createDeskStoreParts, work }),
  });
}
