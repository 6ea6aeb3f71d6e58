import {
  defineCollection,
  startTestServer,
  type BuiltInAuthSettings,
  type TestServer,
} from '../../../../core/index.js';
import { deskPlugin } from '../../../../plugins/desk/index.js';
import { knowledgePlugin } from '../../../../plugins/knowledge/index.js';
import { peoplePlugin } from '../../../../plugins/people/index.js';
import { ticketsPlugin } from '../../../../plugins/tickets/index.js';
import {
  agentFunctionTools,
  userFunctionTools,
} from '../../../../examples/servicedesk/servicedesk.config.js';

/** Demo accounts (plugins/desk/demo): an end user and an agent. */
export const alice = { email: 'alice@example.com', password: 'demo-password-alice' };
export const sam = { email: 'sam@helpdesk.example', password: 'demo-password-sam' };

export const userGrant = [
  'tickets:read:own',
  'tickets:write:own',
  'kb:read',
  'catalogue:read',
  'users:read:own',
];
export const agentGrant = [
  'tickets:read:all',
  'tickets:write:all',
  'time:write',
  'kb:read',
  'catalogue:read',
  'users:read:all',
];

/** A static confidential client of the agent collection with a service account. */
export const serviceClient = {
  clientId: 'agent-robot',
  clientSecret: 'robot-secret-0123456789abcdef',
  name: 'Agent robot',
  collection: 'agent',
  serviceAccount: { scopes: ['tickets:read:all', 'kb:read'] },
} as const;

/** A static confidential client for the manual (Copilot Studio) flow. */
export const manualClient = {
  clientId: 'copilot-manual',
  clientSecret: 'copilot-secret-0123456789abcdef',
  name: 'Copilot Studio',
  collection: 'user',
  redirectUris: ['https://copilot.example/callback'],
} as const;

/**
 * A server like the example (User Functions and Agent Functions over the demo desk, a few
 * tickets) with the built-in authorization server on.
 */
export function startOAuthServer(
  databaseUrl: string,
  builtIn: BuiltInAuthSettings = {},
  port = 0,
): Promise<TestServer> {
  return startTestServer({
    databaseUrl,
    plugins: [
      deskPlugin({ demoData: 'if-empty', demoTickets: 20 }),
      ticketsPlugin(),
      knowledgePlugin(),
      peoplePlugin(),
    ],
    collections: [
      defineCollection({
        id: 'user',
        title: 'User Functions',
        plugins: ['tickets', 'knowledge', 'people'],
        tools: userFunctionTools,
        grant: userGrant,
        roles: ['end_user'],
      }),
      defineCollection({
        id: 'agent',
        title: 'Agent Functions',
        plugins: ['tickets', 'knowledge', 'people'],
        tools: agentFunctionTools.filter(
          (t) => t !== 'get_matching_articles_and_tickets' && t !== 'apply_ai_suggestions',
        ),
        grant: agentGrant,
        // Service accounts (client credentials) work here too.
        roles: ['agent', 'admin', 'service'],
      }),
    ],
    config: {
      auth: { builtIn: { clients: [serviceClient, manualClient], ...builtIn } },
      http: { port },
      ...(process.env['OAUTH_TEST_LOG'] !== undefined && { log: { level: 'debug' as const } }),
    },
  });
}
