import { defineCollection, defineConfig, type DevToken } from '../../core/index.js';
import { deskPlugin } from '../../plugins/desk/index.js';
import { reportsPlugin } from '../../plugins/reports/index.js';
import { runbooksPlugin } from '../../plugins/runbooks/index.js';
import { ticketsPlugin } from '../../plugins/tickets/index.js';
import { onCallPlugin } from './index.js';

/** What a NOC engineer's token may reach: the rota, paging, the desk's tickets and their runs. */
export const nocGrant = [
  'oncall:read:all',
  'oncall:page:all',
  'tickets:read:all',
  'tickets:write:all',
  'runbooks:read:own',
];

/** A loopback-only development token for a NOC engineer of the demo desk. */
export const nocDemoTokens: readonly DevToken[] = [
  {
    token: 'noc-agent-token',
    name: 'noc-demo-agent',
    userId: 'sam@helpdesk.example',
    email: 'sam@helpdesk.example',
    role: 'agent',
    scopes: nocGrant,
    collections: ['noc'],
  },
];

/**
 * The on-call plugin served on its own collection, `/mcp/noc`, beside the desk:
 * `node bin/servicedesk-mcp.js serve --config examples/on-call/on-call.config.ts`.
 */
export default defineConfig({
  name: 'servicedesk-mcp for the NOC',
  plugins: [
    deskPlugin({ demoData: 'if-empty' }),
    ticketsPlugin(),
    reportsPlugin({ include: [] }),
    runbooksPlugin({ runbooks: [] }),
    onCallPlugin({ demoRota: true }),
  ],
  collections: [
    defineCollection({
      id: 'noc',
      title: 'NOC on call',
      description:
        'See who is on call, page them about a ticket, and see how often teams are paged.',
      plugins: ['on-call', 'tickets', 'runbooks'],
      tools: [
        'get_on_call',
        'page_on_call',
        'get_report_pages_per_team_per_week',
        'run_raise_and_page',
        'get_runbook_run',
        'get_ticket',
        'search_tickets',
        'update_ticket',
      ],
      grant: nocGrant,
      roles: ['agent', 'admin'],
    }),
  ],
  auth: { devTokens: nocDemoTokens },
});
