import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  toolResult,
  type TestServer,
} from '../../../core/index.js';

// Stateless tools/call is answered by our own code, not the SDK server; these are the checks the
// SDK would otherwise make, asserted on the wire.
const plugin = definePlugin({
  id: 'shapes',
  version: '1.0.0',
  scopes: { 'shapes:read': 'Read shapes' },
  tools: [
    defineTool({
      name: 'broken_image',
      title: 'Broken image',
      description: 'Returns an image block without its data.',
      input: z.object({}),
      scopes: ['shapes:read'],
      handler: () => toolResult({ content: [{ type: 'image', mimeType: 'image/png' } as never] }),
    }),
    defineTool({
      name: 'echo',
      title: 'Echo',
      description: 'Echoes.',
      input: z.object({ text: z.string() }),
      scopes: ['shapes:read'],
      handler: ({ input }) => input.text,
    }),
  ],
});

async function call(
  t: TestServer,
  params: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(t.urlOf('shapes'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 'req-1', method: 'tools/call', params }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('stateless tools/call (answered without the SDK server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [plugin],
      collections: [
        defineCollection({
          id: 'shapes',
          title: 'Shapes',
          plugins: ['shapes'],
          grant: ['shapes:read'],
          auth: 'none',
        }),
      ],
    });
  });
  afterAll(() => t.close());

  it('answers with the client’s own id', async () => {
    const { body } = await call(t, { name: 'echo', arguments: { text: 'hi' } });
    expect(body).toEqual({
      jsonrpc: '2.0',
      id: 'req-1',
      result: { content: [{ type: 'text', text: 'hi' }] },
    });
  });

  it.each([
    ['a missing name', { arguments: {} }],
    ['a numeric name', { name: 7 }],
    ['arguments that are not an object', { name: 'echo', arguments: ['hi'] }],
    ['a task request', { name: 'echo', arguments: { text: 'x' }, task: { ttl: 1000 } }],
  ])('refuses %s with -32602', async (_label, params) => {
    const { body } = await call(t, params);
    expect(body).toMatchObject({ id: 'req-1', error: { code: -32602 } });
  });

  it('turns a malformed content block into an isError result instead of sending it', async () => {
    const { body } = await call(t, { name: 'broken_image', arguments: {} });
    const result = body['result'] as { isError: boolean; content: { text: string }[] };
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/broken_image produced a result that does not match/);
  });
});
