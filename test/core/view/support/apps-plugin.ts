import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  defineView,
  startTestServer,
  type DevToken,
  type TestServer,
  type ToolUi,
  type ViewDefinition,
} from '../../../../core/index.js';

/** The view of the test plugin: a complete document, served as it is. */
export const thingView = defineView({
  uri: 'ui://apps-test/thing',
  name: 'thing',
  title: 'Thing card',
  html: '<!doctype html><html><body><p id="thing">thing</p></body></html>',
  actions: ['do_thing', 'admin_thing', 'absent_tool'],
});

/**
 * A plugin with a tool showing a view, an app-only helper, an agent-only action and a plain tool.
 *
 * @example
 * appsPlugin({ showUi: { view: thingView } })
 */
export function appsPlugin(options: { id?: string; showUi?: ToolUi; view?: ViewDefinition } = {}) {
  return definePlugin({
    id: options.id ?? 'apps',
    version: '1.0.0',
    scopes: {
      'things:read:own': 'Read your things',
      'things:read:all': 'Read every thing',
      'things:write:all': 'Change things',
    },
    setup: (ctx) => {
      ctx.addTool(
        defineTool({
          name: 'show_thing',
          title: 'Show a thing',
          description: 'Shows a thing in its view.',
          input: z.object({}),
          output: z.object({ thing: z.string() }),
          scopes: ['things:read:own'],
          ui: options.showUi ?? { view: options.view ?? thingView },
          handler: () => ({ thing: '<b>one</b>' }),
        }),
      );
      ctx.addTool(
        defineTool({
          name: 'do_thing',
          title: 'Do a thing',
          description: 'A helper the view calls.',
          input: z.object({}),
          scopes: ['things:read:own'],
          ui: { visibility: ['app'] },
          handler: () => 'done',
        }),
      );
      ctx.addTool(
        defineTool({
          name: 'admin_thing',
          title: 'Change a thing',
          description: 'Agents only.',
          input: z.object({}),
          scopes: ['things:write:all'],
          handler: () => 'changed',
        }),
      );
      ctx.addTool(
        defineTool({
          name: 'plain_thing',
          title: 'Plain',
          description: 'No view.',
          input: z.object({}),
          scopes: ['things:read:own'],
          handler: () => 'plain',
        }),
      );
    },
  });
}

export const appsTokens = {
  agent: 'apps-agent-token',
  user: 'apps-user-token',
} as const;

const tokens: readonly DevToken[] = [
  {
    token: appsTokens.agent,
    name: 'agent',
    userId: 'ann',
    role: 'agent',
    scopes: ['things:read:all', 'things:write:all'],
    collections: ['apps', 'apps-session'],
  },
  {
    token: appsTokens.user,
    name: 'user',
    userId: 'una',
    role: 'end_user',
    scopes: ['things:read:own'],
    collections: ['apps', 'apps-session'],
  },
];

/**
 * A real server with the apps plugin on a stateless and a stateful collection.
 *
 * @example
 * const t = await startAppsServer();
 */
export function startAppsServer(plugin = appsPlugin()): Promise<TestServer> {
  return startTestServer({
    plugins: [plugin],
    collections: [
      defineCollection({
        id: 'apps',
        title: 'Apps',
        plugins: [plugin.id],
        grant: ['things:read:all', 'things:write:all'],
      }),
      defineCollection({
        id: 'apps-session',
        title: 'Apps with sessions',
        plugins: [plugin.id],
        grant: ['things:read:all', 'things:write:all'],
        session: 'stateful',
      }),
    ],
    tokens,
  });
}
