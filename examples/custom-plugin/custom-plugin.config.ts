import { defineCollection, defineConfig, type DevToken } from '../../core/index.js';
import { deskPlugin } from '../../plugins/desk/index.js';
import { peoplePlugin } from '../../plugins/people/index.js';
import { ticketsPlugin } from '../../plugins/tickets/index.js';
import { assetLookupPlugin } from './index.js';

/** What an agent's token may reach: the desk's ticket and user tools, and every asset. */
export const assetAgentGrant = [
  'tickets:read:all',
  'tickets:write:all',
  'time:write',
  'users:read:all',
  'assets:read:all',
  'assets:write:all',
];

/** What an end user's token may reach: their own tickets and their own assets. */
export const assetUserGrant = ['tickets:read:own', 'tickets:write:own', 'assets:read:own'];

/**
 * Loopback-only development tokens for trying it with curl or the MCP Inspector: an end user
 * and an agent of the demo desk (refused unless the server is bound to loopback).
 */
export const assetDemoTokens: readonly DevToken[] = [
  {
    token: 'asset-user-token',
    name: 'asset-demo-user',
    userId: 'alice@example.com',
    email: 'alice@example.com',
    role: 'end_user',
    scopes: assetUserGrant,
    collections: ['user'],
  },
  {
    token: 'asset-agent-token',
    name: 'asset-demo-agent',
    userId: 'sam@helpdesk.example',
    email: 'sam@helpdesk.example',
    role: 'agent',
    scopes: assetAgentGrant,
    collections: ['agent'],
  },
];

/**
 * The asset-lookup plugin served in collections beside the desk's own plugins:
 * `node bin/servicedesk-mcp.js serve --config examples/custom-plugin/custom-plugin.config.ts`,
 * after `seed-assets` with the same `--config` for demo assets.
 */
export default defineConfig({
  name: 'servicedesk-mcp with asset lookup',
  plugins: [
    deskPlugin({ demoData: 'if-empty' }),
    ticketsPlugin(),
    peoplePlugin(),
    assetLookupPlugin({ maxPageSize: 25 }),
  ],
  collections: [
    defineCollection({
      id: 'agent',
      title: 'Agent Functions with assets',
      description:
        'Work tickets and look up, or record, the IT assets of the people who raise them.',
      plugins: ['tickets', 'people', 'asset-lookup'],
      grant: assetAgentGrant,
      roles: ['agent', 'admin'],
    }),
    defineCollection({
      id: 'user',
      title: 'User Functions with my assets',
      description: 'Log and follow your tickets, and see the IT assets assigned to you.',
      plugins: ['tickets', 'asset-lookup'],
      tools: ['create_ticket', 'get_my_tickets', 'update_ticket', 'find_asset'],
      grant: assetUserGrant,
      roles: ['end_user'],
    }),
  ],
  auth: { devTokens: assetDemoTokens },
});
