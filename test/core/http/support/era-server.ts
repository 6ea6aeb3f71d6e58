import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  definePrompt,
  defineResource,
  defineTool,
  startTestServer,
  type PluginDefinition,
  type TestServer,
} from '../../../../core/index.js';
import { echoTool } from '../../../helpers/test-tools.js';

/** The fixed resource; its URI is not ASCII, so `Mcp-Name` needs the base64 form for it. */
export const statusUri = 'era://café/status';

/** The origin a browser client may call the test server from. */
export const allowedOrigin = 'https://app.example';

/** The collection instructions both eras must give out. */
export const eraInstructions = 'Answers the protocol-era tests.';

/**
 * A plugin with one of everything a modern request can name: a tool, a tool that logs and
 * reports progress, a prompt and a fixed resource.
 */
export function eraPlugin(): PluginDefinition {
  return definePlugin({
    id: 'era',
    version: '1.0.0',
    scopes: { 'era:read': 'Read' },
    tools: [
      echoTool('echo', ['era:read']),
      defineTool({
        name: 'busy',
        title: 'Logs and reports progress',
        description: 'Logs one info line, reports one step of progress, then returns.',
        input: z.object({}),
        scopes: ['era:read'],
        handler: async ({ log, progress }) => {
          log.info('busy started');
          await progress(1, 2, 'half way');
          return 'done';
        },
      }),
    ],
    resources: [
      defineResource({
        uri: statusUri,
        name: 'status',
        title: 'Status',
        mimeType: 'text/plain',
        scopes: ['era:read'],
        read: ({ uri }) => [{ uri, text: 'green' }],
      }),
    ],
    prompts: [
      definePrompt({
        name: 'greet',
        title: 'Greet',
        description: 'Greets someone.',
        scopes: ['era:read'],
        arguments: [{ name: 'who', required: true }],
        get: ({ arguments: args }) => [
          { role: 'user', content: { type: 'text', text: `Hello ${args['who']}` } },
        ],
      }),
    ],
  });
}

const collection = (id: string, session: 'stateless' | 'stateful') =>
  defineCollection({
    id,
    title: `Era ${id}`,
    instructions: eraInstructions,
    plugins: ['era'],
    grant: ['era:read'],
    auth: 'none',
    session,
  });

/**
 * A server with the era plugin on a stateless and a stateful collection, open to
 * {@link allowedOrigin}.
 *
 * @example
 * const t = await startEraServer();
 * await postModern(t.urlOf('stateless'), { method: 'server/discover' });
 */
export function startEraServer(): Promise<TestServer> {
  return startTestServer({
    plugins: [eraPlugin()],
    collections: [collection('stateless', 'stateless'), collection('stateful', 'stateful')],
    config: { http: { allowedOrigins: [allowedOrigin] } },
  });
}
