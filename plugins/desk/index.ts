import { accountProviderRef, definePlugin, type PluginDefinition } from '../../core/index.js';
import { createDeskAccounts } from './auth/desk-accounts.js';
import { seedCommand } from './demo/seed-command.js';
import { seedDemoData } from './demo/seed.js';
import { deskMigrations } from './schema/migrations/index.js';
import { keepRecentTicketSearchFresh } from './search/recent-ticket-search-upkeep.js';
import type { DeskTables } from './schema/tables.js';
import { createDeskStore } from './store/desk-store.js';

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

/** The id other plugins pass to `defineServiceRef<DeskStore>(deskServiceId)`. */
export const deskServiceId = 'desk.store';

/** Options of {@link deskPlugin}. */
export interface DeskPluginOptions {
  /** The clock for timestamps and SLA due times; defaults to the system clock. */
  readonly now?: () => Date;
  /**
   * `'if-empty'` loads the demo desk when a server starts to serve on a database that holds no
   * desk data (what `npm start` does); `'never'` (the default) leaves that to `servicedesk-mcp seed`.
   */
  readonly demoData?: 'if-empty' | 'never';
  /** Tickets the startup seed generates (3,000 by default). */
  readonly demoTickets?: number;
  /**
   * PostgreSQL: how often a serving server checks whether its recent-ticket search index has
   * outgrown its size and rebuilds it (ADR 0019); 10 minutes by default.
   */
  readonly recentSearchCheckMs?: number;
}

/**
 * The service desk's data: tickets, users, teams, knowledge base, catalogue and SLAs, provided to
 * other plugins as the typed `DeskStore` service.
 *
 * @example
 * defineConfig({ plugins: [deskPlugin(), ticketsPlugin()], collections: [...] })
 */
export function deskPlugin(options: DeskPluginOptions = {}): PluginDefinition {
  const now = options.now ?? (() => new Date());
  return definePlugin({
    id: 'desk',
    version: '0.1.0',
    description: 'The service-desk store: tickets, users, knowledge base, catalogue and SLAs.',
    scopes: {
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
    },
    migrations: deskMigrations,
    commands: [seedCommand],
    async setup(ctx) {
      // Only a serving server loads the demo desk: `seed --tickets N` must find the desk empty.
      if (options.demoData === 'if-empty' && ctx.purpose === 'serve') {
        const started = performance.now();
        const result = await seedDemoData(ctx.db, ctx.engine, {
          ...(options.demoTickets !== undefined && { tickets: options.demoTickets }),
        });
        if (result.seeded) {
          ctx.log.info('loaded the demo desk into the empty database', {
            tickets: result.tickets,
            ms: Math.round(performance.now() - started),
          });
        }
      }
      const store = createDeskStore({
        db: ctx.db.withTables<DeskTables>(),
        engine: ctx.engine,
        now,
      });
      ctx.provide({ id: deskServiceId }, store);
      ctx.provide(accountProviderRef, createDeskAccounts(ctx.db.withTables<DeskTables>()));
      if (ctx.engine !== 'postgres' || ctx.purpose !== 'serve') return {};
      const upkeep = keepRecentTicketSearchFresh(ctx.db.withTables<DeskTables>(), {
        everyMs: options.recentSearchCheckMs ?? 600_000,
        log: ctx.log,
      });
      return { close: () => upkeep.close() };
    },
  });
}
