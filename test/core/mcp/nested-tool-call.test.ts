import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  toolResult,
  type DevToken,
  type TestServer,
} from '../../../core/index.js';
import { startupError } from '../../helpers/startup-error.js';

const add = defineTool({
  name: 'add',
  title: 'Add',
  description: 'Adds two numbers.',
  input: z.object({ a: z.number(), b: z.number() }),
  output: z.object({ sum: z.number() }),
  scopes: ['calc:read'],
  handler: async ({ input, progress }) => {
    await progress(1, 1, 'added');
    return { sum: input.a + input.b };
  },
});

const wipe = defineTool({
  name: 'wipe',
  title: 'Wipe',
  description: 'An admin-only tool.',
  input: z.object({}),
  scopes: ['calc:admin'],
  handler: () => 'wiped',
});

const seenProgress: string[] = [];

const sumThrice = defineTool({
  name: 'sum_thrice',
  title: 'Sum three numbers',
  description: 'Calls add twice.',
  input: z.object({ a: z.number(), b: z.number(), c: z.number() }),
  output: z.object({ sum: z.number() }),
  scopes: ['calc:read'],
  calls: ['add'],
  handler: async ({ input, callTool }) => {
    const onProgress = (progress: number, total?: number, message?: string): Promise<void> => {
      seenProgress.push(`${progress}/${total ?? '?'} ${message ?? ''}`);
      return Promise.resolve();
    };
    const first = await callTool('add', { a: input.a, b: input.b }, { onProgress });
    const firstSum = (first.structuredContent as { sum: number }).sum;
    const second = await callTool('add', { a: firstSum, b: input.c });
    return { sum: (second.structuredContent as { sum: number }).sum };
  },
});

/** Returns whatever the nested call returned, so the test sees it as the caller's tool did. */
const relay = defineTool({
  name: 'relay',
  title: 'Relay',
  description: 'Calls the named tool with the given arguments.',
  input: z.object({ tool: z.string(), args: z.record(z.string(), z.unknown()) }),
  scopes: ['calc:read'],
  handler: async ({ input, callTool }) => {
    const result = await callTool(input.tool, input.args);
    return toolResult({ content: result.content, isError: result.isError === true });
  },
});

const calc = definePlugin({
  id: 'calc',
  version: '1.0.0',
  scopes: { 'calc:read': 'Use the calculator', 'calc:admin': 'Wipe the calculator' },
  tools: [add, wipe, sumThrice, relay],
});

const tokens: DevToken[] = [
  {
    token: 'reader-token',
    name: 'reader',
    userId: 'u-reader',
    role: 'agent',
    scopes: ['calc:read'],
    collections: ['calc'],
  },
];

function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

describe('a tool calling another tool of its collection (ctx.callTool)', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({
      plugins: [calc],
      collections: [
        defineCollection({
          id: 'calc',
          title: 'Calculator',
          plugins: ['calc'],
          grant: ['calc:read', 'calc:admin'],
        }),
      ],
      tokens,
    });
  });
  afterAll(() => t.close());

  it('runs the called tool and hands back its structured result and progress', async () => {
    seenProgress.length = 0;
    const result = (await t.clients['calc']?.callTool({
      name: 'sum_thrice',
      arguments: { a: 1, b: 2, c: 4 },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ sum: 7 });
    // Only the first call asked for progress; it reached the caller's tool, not the client.
    expect(seenProgress).toEqual(['1/1 added']);
  });

  it('refuses a tool the caller could not call themselves, as a tool error', async () => {
    const result = (await t.clients['calc']?.callTool({
      name: 'relay',
      arguments: { tool: 'wipe', args: {} },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Tool wipe not found: it is not available/);
  });

  it('reports the called tool’s invalid arguments as its error', async () => {
    const result = (await t.clients['calc']?.callTool({
      name: 'relay',
      arguments: { tool: 'add', args: { a: 'one', b: 2 } },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Invalid arguments for tool add: a/);
  });

  it('stops a tool that calls itself after eight levels', async () => {
    let args: Record<string, unknown> = { tool: 'add', args: { a: 1, b: 1 } };
    for (let level = 0; level < 9; level += 1) args = { tool: 'relay', args };
    const result = (await t.clients['calc']?.callTool({
      name: 'relay',
      arguments: args,
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/may nest at most 8 deep/);
  });
});

describe('a collection offering a tool without the tools it calls', () => {
  it('refuses to start, naming the collection, the tool, its plugin and the missing tool', async () => {
    const error = await startupError({
      plugins: [calc],
      collections: [
        defineCollection({
          id: 'calc',
          title: 'Calculator',
          plugins: ['calc'],
          tools: ['sum_thrice'],
          grant: ['calc:read'],
        }),
      ],
    });
    expect(error.code).toBe('COLLECTION_MISSING_TOOL');
    expect(error.message).toMatch(
      /collection "calc" offers tool "sum_thrice" of plugin "calc", which calls "add"/,
    );
  });
});
