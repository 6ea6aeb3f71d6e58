import { defineServiceRef, type Scope, type ServiceRef } from '../../core/index.js';
import type { DeskStore } from './store/desk-store.js';

// The desk's public API: what another plugin may import, after declaring `requires: ['desk']`.
// Everything else under plugins/desk is internal (the layering lint refuses it).
export type { DeskStore, DeskStoreParts } from './store/desk-store.js';
export type { DeskTransaction } from './store/desk-transaction.js';
export type { DeskDirectory, DeskUser, DeskTeam } from './store/directory.js';
export type * from './schema/tables.js';
export type { DeskSla } from './sla/desk-sla.js';
export type { DeskSearch } from './search/desk-search.js';
export type * from './search/search-types.js';
export type { DeskKnowledgeBase } from './knowledge/knowledge-base.js';
export type { KbArticle, ArticleReference } from './knowledge/article-lookup.js';
export type { ArticleEmail } from './knowledge/article-email.js';
export type { DeskCatalogue } from './catalogue/service-catalogue.js';
export type * from './catalogue/catalogue-views.js';
export type { CatalogueSearchInput } from './catalogue/catalogue-search.js';
export type { OrganisationReference } from './catalogue/customer-services.js';
export type { SlaState, SlaStatus, SlaDueTimes } from './sla/sla-clock.js';
export type { SlaAlert } from './sla/sla-queries.js';
export type { TicketStore, TicketPage } from './store/ticket-store.js';
export type { Ticket } from './store/ticket-view.js';
export type { TicketDetail } from './store/get-ticket.js';
export type { TicketFilter } from './store/ticket-list.js';
export type { TicketFilters } from './store/ticket-filters.js';
export type { NewTicket } from './store/create-ticket.js';
export type { TicketUpdate, Assignee } from './store/update-ticket.js';
export type { NewNote } from './store/notes.js';
export type { NewTimeEntry } from './store/time-entries.js';
export type { QuickActionOutcome } from './store/quick-actions.js';
export type { WriteProvenance } from './store/history.js';
export type { CustomFieldValues } from './store/custom-fields.js';

/**
 * The id under which the desk plugin provides its {@link DeskStore}; use {@link deskStoreRef}
 * rather than this id.
 *
 * @example
 * deskStoreRef.id === deskServiceId // true
 */
export const deskServiceId = 'desk.store';

/**
 * The desk store, as the core hands it over to a plugin that declares `requires: ['desk']`.
 *
 * @example
 * import { deskStoreRef } from '../desk/api.js';
 * // in setup, or in a handler through ctx.services:
 * const desk = ctx.services.get(deskStoreRef);
 * const ticket = await desk.tickets.get(ctx.principal, 4821);
 */
export const deskStoreRef: ServiceRef<DeskStore> = defineServiceRef<DeskStore>(deskServiceId);

/**
 * The scopes the desk plugin defines, each with the description shown on the consent page. A
 * plugin that requires the desk may put them on its tools; no other plugin may define them again
 * (SCOPE_DEFINED_TWICE). The desk raises no error codes of its own: its refusals are
 * `ToolError`s whose message says what to do.
 *
 * @example
 * 'tickets:read:all' in deskScopes // true: a plugin requiring the desk may put it on its tools
 */
export const deskScopes = Object.freeze({
  'tickets:read:own': 'Read the tickets you requested',
  'tickets:read:org': "Read your organisation's tickets",
  'tickets:read:all': 'Read every ticket',
  'tickets:write:own': 'Create and update the tickets you requested',
  'tickets:write:org': "Create and update your organisation's tickets",
  'tickets:write:all': 'Create and update every ticket',
  'kb:read': 'Read knowledge-base articles',
  'kb:write:all': 'Write and publish knowledge-base articles',
  'time:write': 'Log time worked on tickets',
  'catalogue:read': 'Browse the service catalogue',
  'users:read:own': 'Read your own user profile',
  'users:read:all': 'Read every user, organisation and team',
}) satisfies Readonly<Record<Scope, string>>;
