import {
  definePlugin,
  definePrompt,
  defineResource,
  defineResourceTemplate,
  type PluginDefinition,
} from '../../../../core/index.js';
import type { FixtureProbe } from './fixture-probe.js';
import { fixtureTools } from './fixture-tools.js';

export { FixtureProbe } from './fixture-probe.js';
export { leakyFailure } from './fixture-tools.js';

export const statusUri = 'fixture://status';

const teams = ['network', 'networking-emea', 'desktop', 'security'];

/**
 * The plugin every MCP-binding test runs against: tools for each path through `tools/call`,
 * a subscribable resource, a resource template and a prompt, both with completions.
 */
export function fixturePlugin(probe: FixtureProbe): PluginDefinition {
  return definePlugin({
    id: 'fixture',
    version: '1.0.0',
    scopes: {
      'tickets:read:own': 'Read your own tickets',
      'tickets:read:all': 'Read every ticket',
      'tickets:write:all': 'Change any ticket',
      'kb:read': 'Read the knowledge base',
      'secrets:read:all': 'Read secrets',
    },
    tools: fixtureTools(probe),
    resources: [
      defineResource({
        uri: statusUri,
        name: 'status',
        title: 'Desk status',
        mimeType: 'text/plain',
        scopes: ['tickets:read:own'],
        subscribable: true,
        read: ({ uri, principal }) => [{ uri, text: `status for ${principal.userId}: green` }],
      }),
      defineResource({
        uri: 'fixture://secret',
        name: 'secret',
        scopes: ['secrets:read:all'],
        read: ({ uri }) => [{ uri, text: 'the secret' }],
      }),
    ],
    resourceTemplates: [
      defineResourceTemplate({
        uriTemplate: 'fixture://teams/{team}/queue',
        subscribable: true,
        name: 'team-queue',
        title: 'A team’s queue',
        mimeType: 'application/json',
        scopes: ['tickets:read:own'],
        complete: { team: (value) => teams.filter((t) => t.startsWith(value)) },
        read: ({ uri, params }) => [
          { uri, mimeType: 'application/json', text: JSON.stringify({ team: params['team'] }) },
        ],
      }),
    ],
    prompts: [
      definePrompt({
        name: 'triage',
        title: 'Triage a ticket',
        description: 'Asks the model to triage one ticket.',
        scopes: ['tickets:read:own'],
        arguments: [
          { name: 'ticket', description: 'Ticket id', required: true },
          {
            name: 'team',
            description: 'Team to route to',
            complete: (value) => teams.filter((t) => t.startsWith(value)),
          },
        ],
        get: ({ arguments: args, principal }) => [
          {
            role: 'user',
            content: {
              type: 'text',
              text: `Triage ticket ${args['ticket']} for ${principal.userId}, team ${args['team'] ?? 'any'}`,
            },
          },
        ],
      }),
    ],
    setup(ctx) {
      probe.notifyResourceUpdated = (uri) => ctx.notifyResourceUpdated(uri);
    },
  });
}
