import { defineCollection, defineConfig, type DevToken } from '../../core/index.js';
import { aiAbilitiesPlugin } from '../../plugins/ai-abilities/index.js';
import { aiAssistPlugin } from '../../plugins/ai-assist/index.js';
import { deskPlugin } from '../../plugins/desk/index.js';
// import { externalMcpPlugin } from '../../plugins/external-mcp/index.js';
import { knowledgePlugin } from '../../plugins/knowledge/index.js';
import { peoplePlugin } from '../../plugins/people/index.js';
import { reportsPlugin } from '../../plugins/reports/index.js';
import { runbooksPlugin } from '../../plugins/runbooks/index.js';
import { ticketTypeToolsPlugin } from '../../plugins/ticket-types/index.js';
import { ticketsPlugin } from '../../plugins/tickets/index.js';
import { raiseAndResolve } from './runbooks.js';

/** What an end user does for themselves: log and follow their tickets, find answers. */
export const userFunctionTools = [
  'create_ticket',
  'get_my_tickets',
  'update_ticket',
  'search_knowledge_base',
  'get_article',
  'search_service_catalogue',
  'get_user_info',
] as const;

/** Everything in User Functions, plus working the queue, triage and AI help. */
export const agentFunctionTools = [
  ...userFunctionTools,
  'get_ticket',
  'search_tickets',
  'action_ticket',
  'add_note',
  'assign_to_me',
  'get_assigned_tickets',
  'log_time',
  'get_matching_articles_and_tickets',
  'apply_ai_suggestions',
] as const;

/**
 * The desk's own processes as tools (issue 6): a tool per ticket type or request form, runbooks,
 * reports and AI abilities — each with a scope of its own.
 */
export const customAgentTools = [
  'log_opportunity',
  'log_new_starter',
  'run_raise_and_resolve',
  'get_runbook_run',
  'cancel_runbook_run',
  'run_ai_summarise',
  'run_ai_draft_reply',
  'run_ai_detect_sentiment',
  'run_ai_suggest_next_steps',
  'get_report_missed_sla_by_technician',
  'get_report_open_tickets_by_team_priority',
  'get_report_time_logged_per_agent_weekly',
  'get_report_whitespace',
] as const;

/** What an end user's token may reach on User Functions. */
export const userGrant = [
  'tickets:read:own',
  'tickets:write:own',
  'kb:read',
  'catalogue:read',
  'users:read:own',
];
/** What an agent's token may reach on Agent Functions. */
export const agentGrant = [
  'tickets:read:all',
  'tickets:write:all',
  'time:write',
  'kb:read',
  'catalogue:read',
  'users:read:all',
];
/** What an agent's token may reach of the desk's own tools ({@link customAgentTools}). */
export const customAgentGrant = [
  'tickets:log-opportunity:own',
  'tickets:log-new-starter:own',
  'runbooks:run',
  'runbooks:read:own',
  'ai:run:all',
  'reports:read:all',
];

/**
 * Development tokens for trying the example on your own machine: an end user at Acorn
 * Construction and an agent of the Service Desk team (both demo accounts). The server refuses
 * them unless it is bound to loopback; override them with DEMO_USER_TOKEN and DEMO_AGENT_TOKEN.
 */
export const demoTokens: readonly DevToken[] = [
  {
    token: process.env['DEMO_USER_TOKEN'] ?? 'demo-user-token',
    name: 'demo-user',
    userId: 'alice@example.com',
    email: 'alice@example.com',
    role: 'end_user',
    scopes: userGrant,
    collections: ['user'],
  },
  {
    token: process.env['DEMO_AGENT_TOKEN'] ?? 'demo-agent-token',
    name: 'demo-agent',
    userId: 'sam@helpdesk.example',
    email: 'sam@helpdesk.example',
    role: 'agent',
    scopes: [...agentGrant, ...customAgentGrant],
    collections: ['agent'],
  },
];

/**
 * The example service desk: the desk store with its demo data, the built-in service-desk tools,
 * and the two collections of the reference product — User Functions for end users and Agent
 * Functions for the service desk's agents.
 */
export default defineConfig({
  name: 'servicedesk-mcp example',
  plugins: [
    // Loaded with the demo desk on the first start on an empty database.
    deskPlugin({ demoData: 'if-empty' }),
    ticketsPlugin(),
    knowledgePlugin(),
    peoplePlugin(),
    aiAssistPlugin(),
    // A language model from SDM_AI_URL, SDM_AI_MODEL and SDM_AI_API_KEY (docs/ai-abilities.md);
    // with none set, the abilities say how to configure one.
    aiAbilitiesPlugin(),
    ticketTypeToolsPlugin({
      tools: [{ type: 'opportunity' }, { catalogueItem: 'new-starter', name: 'log_new_starter' }],
    }),
    runbooksPlugin({ runbooks: [raiseAndResolve] }),
    reportsPlugin(),
    // Outbound MCP (docs/external-mcp.md): a monitoring system's tools on Agent Functions as
    // monitor_<tool>, called with the server's own identity, never the caller's token. To try it,
    // run the MCP reference server:
    //   PORT=3001 npx @modelcontextprotocol/server-everything streamableHttp
    // then uncomment this and the import of externalMcpPlugin, add 'external-mcp' to Agent
    // Functions' plugins, 'monitoring:read' to customAgentGrant, and 'monitor_echo',
    // 'monitor_get-sum' and 'monitor_get-structured-content' to customAgentTools.
    // externalMcpPlugin({
    //   remotes: [
    //     {
    //       id: 'monitoring',
    //       title: 'Monitoring',
    //       prefix: 'monitor',
    //       url: 'http://127.0.0.1:3001/mcp',
    //       tools: ['echo', 'get-sum', 'get-structured-content'],
    //       scopes: { 'monitoring:read': 'Read server status from the monitoring system' },
    //       timeoutMs: 30_000,
    //       // auth: { type: 'bearer', tokenEnv: 'MONITORING_TOKEN' },
    //       // auth: { type: 'client-credentials', tokenUrl: 'https://monitoring.example.com/oauth/token',
    //       //   clientId: 'service-desk', clientSecretEnv: 'MONITORING_CLIENT_SECRET',
    //       //   resource: 'https://monitoring.example.com/mcp' },
    //     },
    //   ],
    // }),
  ],
  collections: [
    defineCollection({
      id: 'user',
      title: 'User Functions',
      description:
        'Self-service for end users: log a ticket of any type, follow and update your tickets, ' +
        'search the knowledge base and the service catalogue.',
      plugins: ['tickets', 'knowledge', 'people'],
      tools: userFunctionTools,
      grant: userGrant,
      roles: ['end_user'],
      // "My VPN keeps dropping" is an incident: end users log one without naming the type.
      settings: { tickets: { defaultType: 'incident' } },
    }),
    defineCollection({
      id: 'agent',
      title: 'Agent Functions',
      description:
        'Everything a service-desk agent does: search and work tickets, run quick actions, ' +
        'log time, use similar tickets and AI suggestions for triage, and the desk’s own tools: ' +
        'opportunity and new-starter tickets, runbooks, reports and AI abilities.',
      plugins: [
        'tickets',
        'knowledge',
        'people',
        'ai-assist',
        'ai-abilities',
        'ticket-types',
        'runbooks',
        'reports',
      ],
      tools: [...agentFunctionTools, ...customAgentTools],
      grant: [...agentGrant, ...customAgentGrant],
      roles: ['agent', 'admin'],
    }),
  ],
  auth: {
    // The built-in OAuth authorization server at /oauth: assistants discover it from a
    // collection's URL, register themselves and sign the demo accounts in (docs/oauth.md).
    builtIn: {},
    // Kept for curl and quick tests on your own machine: refused unless bound to loopback, and
    // left out when PUBLIC_URL says the server is reachable from elsewhere (a tunnel, a proxy).
    ...(process.env['PUBLIC_URL'] === undefined && { devTokens: demoTokens }),
  },
});
