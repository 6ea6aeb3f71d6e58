import { defineCollection, defineConfig } from '../core/index.js';
import { announcementsPlugin } from '../examples/announcements/index.js';
import { diagnosticsPlugin } from '../plugins/diagnostics/index.js';

/**
 * The server `npm run bench` measures: `ping` (no database) and `get_announcement` (a
 * primary-key read) on one agent collection, so the figures show the framework's own cost per
 * call and stay comparable as the service-desk tools grow. Cold start is timed on the example
 * server itself (`examples/servicedesk`).
 */
export default defineConfig({
  name: 'servicedesk-mcp bench',
  plugins: [diagnosticsPlugin(), announcementsPlugin()],
  collections: [
    defineCollection({
      id: 'agent',
      title: 'Agent Functions',
      plugins: ['diagnostics', 'announcements'],
      grant: ['diagnostics:read', 'announcements:read', 'announcements:write:all'],
      roles: ['agent', 'admin'],
    }),
  ],
  // One bench client makes thousands of calls a second: budgets would refuse them (ADR 0037).
  limits: 'off',
  auth: {
    devTokens: [
      {
        token: process.env['DEMO_AGENT_TOKEN'] ?? 'demo-agent-token',
        name: 'bench-agent',
        userId: 'sam@helpdesk.example',
        role: 'agent',
        scopes: ['diagnostics:read', 'announcements:read', 'announcements:write:all'],
        collections: ['agent'],
      },
    ],
  },
});
