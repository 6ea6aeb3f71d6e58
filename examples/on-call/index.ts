import { definePlugin, type PluginDefinition } from '../../core/index.js';
import { deskStoreRef, type DeskTables } from '../../plugins/desk/api.js';
import { reportsExtensionPoint } from '../../plugins/reports/api.js';
import { runbooksExtensionPoint } from '../../plugins/runbooks/api.js';
import { seedDemoRota } from './demo-rota.js';
import { pagesPerTeamReport } from './pages-report.js';
import { raiseAndPage } from './raise-and-page.js';
import { onCallMigrations, type OnCallTables } from './schema.js';
import { getOnCallTool } from './tools/get-on-call.js';
import { pageOnCallTool } from './tools/page-on-call.js';

/** Options of {@link onCallPlugin}. */
export interface OnCallPluginOptions {
  /** Fill an empty rota with daily shifts of each desk team's members when the server starts. */
  readonly demoRota?: boolean;
}

/**
 * An on-call roster for a NOC, composed with the desk: its own tables and scopes, `get_on_call`,
 * `page_on_call` (a page row and a private note in one desk transaction), a "pages per team per
 * week" report contributed to `reports` and a "raise to P1 and page" runbook contributed to
 * `runbooks`, both gated by its own scopes. The example of docs/writing-a-plugin.md.
 *
 * @example
 * defineConfig({ plugins: [deskPlugin(), ticketsPlugin(), reportsPlugin(), runbooksPlugin({ runbooks: [] }), onCallPlugin()], collections: [...] })
 */
export function onCallPlugin(options: OnCallPluginOptions = {}): PluginDefinition {
  return definePlugin({
    id: 'on-call',
    version: '0.1.0',
    description:
      'Who is on call for each desk team, paging them, and how often each team is paged.',
    requires: ['desk', 'reports', 'runbooks'],
    scopes: {
      'oncall:read:all': 'See who is on call for each team and how often teams are paged',
      'oncall:page:all': 'Page the on-call engineer of a team about a ticket',
    },
    migrations: onCallMigrations,
    tools: [getOnCallTool],
    async setup(ctx) {
      ctx.addTool(pageOnCallTool(ctx.services.get(deskStoreRef)));
      ctx.extensionPoint(reportsExtensionPoint).addReport(pagesPerTeamReport);
      ctx.extensionPoint(runbooksExtensionPoint).addRunbook(raiseAndPage);
      if (options.demoRota === true && ctx.purpose === 'serve') {
        const written = await seedDemoRota(
          ctx.db.withTables<DeskTables & OnCallTables>(),
          new Date(),
        );
        if (written > 0) ctx.log.info('on-call: demo rota written', { shifts: written });
      }
    },
  });
}
