import { accountProviderRef, definePlugin, type PluginDefinition } from '../../core/index.js';
import { deskScopes, deskStoreRef } from './api.js';
import { createDeskAccounts } from './auth/desk-accounts.js';
import { seedCommand } from './demo/seed-command.js';
import { seedDemoData } from './demo/seed.js';
import { deskMigrations } from './schema/migrations/index.js';
import { keepRecentTicketSearchFresh } from './search/recent-ticket-search-upkeep.js';
import type { DeskTables } from './schema/tables.js';
import { createDeskStore } from './store/desk-store.js';

// The public API, for configs and examples; other plugins import plugins/desk/api.ts.
export * from './api.js';

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
 * other plugins as the typed `DeskStore` service through `deskStoreRef` (plugins/desk/api.ts,
 * which a plugin imports after declaring `requires: ['desk']`).
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
    scopes: deskScopes,
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
      ctx.provide(deskStoreRef, store);
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
