import { defineCollection, defineConfig, type DevToken } from '../../core/index.js';
import { deskPlugin } from '../../plugins/desk/index.js';
import { diagnosticsPlugin } from '../../plugins/diagnostics/index.js';
import { announcementsPlugin } from '../announcements/index.js';

/**
 * Development tokens for trying the demo on your own machine. The server refuses them unless it
 * is bound to loopback; override them with DEMO_USER_TOKEN and DEMO_AGENT_TOKEN.
 */
export const demoTokens: readonly DevToken[] = [
  {
    token: process.env['DEMO_USER_TOKEN'] ?? 'demo-user-token',
    name: 'demo-user',
    userId: 'alice@example.com',
    email: 'alice@example.com',
    organisationId: 'acorn-construction',
    role: 'end_user',
    scopes: ['diagnostics:read', 'announcements:read'],
    collections: ['user'],
  },
  {
    token: process.env['DEMO_AGENT_TOKEN'] ?? 'demo-agent-token',
    name: 'demo-agent',
    userId: 'sam@helpdesk.example',
    email: 'sam@helpdesk.example',
    role: 'agent',
    scopes: ['diagnostics:read', 'announcements:read', 'announcements:write:all'],
    collections: ['agent'],
  },
];

/** The example server: a self-service endpoint for end users and a full one for agents. */
export default defineConfig({
  name: 'servicedesk-mcp demo',
  // The desk store, loaded with the demo data set on first start; its tools arrive with the
  // built-in service-desk tools.
  plugins: [deskPlugin({ demoData: 'if-empty' }), diagnosticsPlugin(), announcementsPlugin()],
  collections: [
    defineCollection({
      id: 'user',
      title: 'User Functions',
      description: 'Self-service for end users: read announcements, check the connection.',
      plugins: ['diagnostics', 'announcements'],
      grant: ['diagnostics:read', 'announcements:read'],
      roles: ['end_user'],
    }),
    defineCollection({
      id: 'agent',
      title: 'Agent Functions',
      description: 'Everything an agent does: read and publish announcements.',
      plugins: ['diagnostics', 'announcements'],
      grant: ['diagnostics:read', 'announcements:read', 'announcements:write:all'],
      roles: ['agent', 'admin'],
    }),
  ],
  auth: { devTokens: demoTokens },
});
