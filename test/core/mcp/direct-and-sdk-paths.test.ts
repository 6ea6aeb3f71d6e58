import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  ToolError,
  type TestServer,
} from '../../../core/index.js';

// Stateless tools/call is answered by the transport's direct path, stateful tools/call by the SDK
// Server; both must give a caller exactly the same answers.
const plugin = definePlugin({
  id: 'twins',
  version: '1.0.0',
  scopes: { 'twins:read': 'Read', 'twins:admin': 'Administer' },
  tools: [
    defineTool({
      name: 'square',
      title: 'Square',
      description: 'Squares a number.',
      input: z.object({ n: z.number().int() }),
      output: z.object({ square: z.number() }),
      scopes: ['twins:read'],
      summarize: (out) => `square is ${out.square}`,
      handler: ({ input }) => {
        if (input.n < 0) throw new ToolError('n must not be negative; pass its absolute value');
        return { square: input.n * input.n };
      },
    }),
    defineTool({
      name: 'admin_only',
      title: 'Admin only',
      description: 'Needs a scope no collection here grants.',
      input: z.object({}),
      scopes: ['twins:admin'],
      handler: () => 'never',
    }),
  ],
});

const collection = (id: string, session: 'stateless' | 'stateful') =>
  defineCollection({
    id,
    title: id,
    plugins: ['twins'],
    grant: ['twins:read'],
    auth: 'none',
    session,
  });

describe('the direct and SDK paths of tools/call answer alike', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [plugin],
      collections: [collection('direct', 'stateless'), collection('sdk', 'stateful')],
    });
  });
  afterAll(() => t.close());

  const both = async (call: (id: 'direct' | 'sdk') => Promise<unknown>) => {
    const settle = (p: Promise<unknown>) =>
      p.then(
        (value) => ({ value }),
        (error: { code?: number; message?: string; data?: unknown }) => ({
          error: { code: error.code, message: error.message, data: error.data },
        }),
      );
    return { direct: await settle(call('direct')), sdk: await settle(call('sdk')) };
  };

  it.each([
    ['a successful call', { name: 'square', arguments: { n: 7 } }],
    ['invalid arguments', { name: 'square', arguments: { n: 'seven' } }],
    ['a ToolError', { name: 'square', arguments: { n: -2 } }],
    ['an unknown tool', { name: 'cube', arguments: { n: 2 } }],
    ['a forbidden tool', { name: 'admin_only', arguments: {} }],
  ])('%s', async (_label, params) => {
    const { direct, sdk } = await both((id) => t.clients[id]!.callTool(params));
    expect(direct).toEqual(sdk);
  });

  it('the successful answer carries structured content and its summary', async () => {
    const { direct } = await both((id) =>
      t.clients[id]!.callTool({ name: 'square', arguments: { n: 3 } }),
    );
    expect(direct).toEqual({
      value: { content: [{ type: 'text', text: 'square is 9' }], structuredContent: { square: 9 } },
    });
  });
});
