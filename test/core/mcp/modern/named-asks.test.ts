import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  definePrompt,
  defineTool,
  startTestServer,
  ToolError,
  type TestServer,
} from '../../../../core/index.js';
import { call } from '../../../helpers/call-tool.js';
import { modernPost } from './support/modern-post.js';

const nameForm = {
  message: 'Who is asking?',
  requestedSchema: {
    type: 'object' as const,
    properties: { name: { type: 'string' as const } },
    required: ['name'],
  },
};

/** Asks a name and the roots at once, under its own keys. */
const whereTool = defineTool({
  name: 'where_am_i',
  title: 'Where am I',
  description: 'Test tool: asks a name and the roots.',
  input: z.object({}),
  scopes: ['asks:use'],
  handler: async ({ elicit, listRoots }) => {
    if (!elicit || !listRoots) throw new ToolError('needs elicitation and roots');
    const [who, { roots }] = await Promise.all([
      elicit(nameForm, { key: 'who' }),
      listRoots({ key: 'workspace' }),
    ]);
    return `${String(who.content?.['name'])} works in ${roots.map((r) => r.uri).join(', ')}`;
  },
});

const rootsTool = defineTool({
  name: 'count_roots',
  title: 'Count roots',
  description: 'Test tool: counts the roots the client exposes.',
  input: z.object({}),
  scopes: ['asks:use'],
  handler: async ({ listRoots }) =>
    listRoots ? `${(await listRoots()).roots.length} roots` : 'no roots',
});

const greetingPrompt = definePrompt({
  name: 'greeting',
  description: 'Asks whom to greet, then greets them',
  scopes: ['asks:use'],
  get: async ({ elicit }) => {
    const who = elicit ? (await elicit(nameForm, { key: 'who' })).content?.['name'] : 'everyone';
    return [{ role: 'user', content: { type: 'text', text: `Greet ${String(who)}` } }];
  },
});

const asksPlugin = definePlugin({
  id: 'asks',
  version: '1.0.0',
  scopes: { 'asks:use': 'Use the asking fixtures' },
  tools: [whereTool, rootsTool],
  prompts: [greetingPrompt],
});

describe('asking the client under named keys, for roots, and from prompts', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({
      plugins: [asksPlugin],
      collections: [
        defineCollection({
          id: 'asks',
          title: 'Asks',
          plugins: ['asks'],
          grant: ['asks:use'],
          auth: 'none',
        }),
        defineCollection({
          id: 'session',
          title: 'Asks (sessions)',
          path: '/mcp/session',
          plugins: ['asks'],
          grant: ['asks:use'],
          auth: 'none',
          session: 'stateful',
        }),
      ],
    });
  });
  afterAll(() => t.close());

  const capabilities = { elicitation: { form: {} }, roots: {} };
  const post = (method: string, params: Record<string, unknown>) =>
    modernPost(t.urlOf('asks'), 'none', { method, params, capabilities });

  it('asks one round under the handler’s keys and completes with both answers', async () => {
    const first = await post('tools/call', { name: 'where_am_i', arguments: {} });
    expect(first.body.result).toMatchObject({
      resultType: 'input_required',
      inputRequests: {
        who: { method: 'elicitation/create' },
        workspace: { method: 'roots/list', params: {} },
      },
    });
    const retry = await post('tools/call', {
      name: 'where_am_i',
      arguments: {},
      requestState: first.body.result.requestState,
      inputResponses: {
        who: { action: 'accept', content: { name: 'Ada' } },
        workspace: { roots: [{ uri: 'file:///desk' }] },
      },
    });
    expect(retry.body.result).toMatchObject({
      resultType: 'complete',
      content: [{ text: 'Ada works in file:///desk' }],
    });
  });

  it('refuses an answer that is not a roots/list result', async () => {
    const first = await post('tools/call', { name: 'where_am_i', arguments: {} });
    const retry = await post('tools/call', {
      name: 'where_am_i',
      arguments: {},
      requestState: first.body.result.requestState,
      inputResponses: { workspace: { folders: ['nope'] } },
    });
    expect(retry.body.error).toMatchObject({
      code: -32602,
      message: /inputResponses\.workspace is not a valid roots\/list result/,
    });
  });

  it('lets a prompt ask by MRTR, bound to the prompt', async () => {
    const first = await post('prompts/get', { name: 'greeting' });
    expect(first.body.result).toMatchObject({
      resultType: 'input_required',
      inputRequests: { who: { method: 'elicitation/create' } },
    });
    const state = first.body.result.requestState as string;
    const answers = { who: { action: 'accept', content: { name: 'Grace' } } };
    const retry = await post('prompts/get', {
      name: 'greeting',
      requestState: state,
      inputResponses: answers,
    });
    expect(retry.body.result).toMatchObject({
      resultType: 'complete',
      messages: [{ content: { text: 'Greet Grace' } }],
    });
    // The state was made for the prompt: a tool of the same collection cannot use it.
    const moved = await post('tools/call', {
      name: 'where_am_i',
      arguments: {},
      requestState: state,
      inputResponses: answers,
    });
    expect(moved.body.error).toMatchObject({
      code: -32602,
      data: { code: 'MCP_REQUEST_STATE_INVALID' },
    });
  });

  it('asks a 2025-11-25 session client for its roots on the session', async () => {
    const client = new Client(
      { name: 'roots-client', version: '1' },
      { capabilities: { roots: {} } },
    );
    client.setRequestHandler(ListRootsRequestSchema, () => ({
      roots: [{ uri: 'file:///a' }, { uri: 'file:///b' }],
    }));
    await client.connect(new StreamableHTTPClientTransport(new URL(t.urlOf('session'))));
    try {
      expect((await call(client, 'count_roots', {})).text).toBe('2 roots');
      const prompt = await client.getPrompt({ name: 'greeting' });
      expect(prompt.messages[0]?.content).toMatchObject({ text: 'Greet everyone' });
    } finally {
      await client.close();
    }
  });
});
