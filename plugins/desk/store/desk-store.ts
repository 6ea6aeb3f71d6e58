import { createDeskCatalogue, type DeskCatalogue } from '../catalogue/service-catalogue.js';
import { createDeskKnowledgeBase, type DeskKnowledgeBase } from '../knowledge/knowledge-base.js';
import { createDeskSearch, type DeskSearch } from '../search/desk-search.js';
import { createDeskSla, type DeskSla } from '../sla/desk-sla.js';
import { createDeskDirectory, type DeskDirectory } from './directory.js';
import type { DeskStoreContext } from './store-context.js';
import { createTicketStore, type TicketStore } from './ticket-store.js';

/**
 * The typed service the desk plugin provides under `deskServiceId`: the service desk's data in
 * parts, each in its own file. Every method takes the caller's `Principal` (`ctx.principal`: who,
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
 * const desk = ctx.services.get(defineServiceRef<DeskStore>(deskServiceId));
 * const me = await desk.directory.resolvePrincipal(ctx.principal);
 */
export interface DeskStore {
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
