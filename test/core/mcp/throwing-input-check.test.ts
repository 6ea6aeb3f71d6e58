import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type TestServer,
} from '../../../core/index.js';

/** A schema whose refinement throws on text it cannot read, as a careless date check does. */
const isoDay = z.string().refine((value) => new Date(value).toISOString().length > 0);

const daysTool = defineTool({
  name: 'days_since',
  title: 'Days since',
  description: 'Counts the days since a date.',
  input: z.object({ from: isoDay }),
  scopes: ['days:read'],
  handler: ({ input }) => String(Math.floor((Date.now() - Date.parse(input.from)) / 86_400_000)),
});

describe('an input check that throws instead of failing', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({
      plugins: [
        definePlugin({
          id: 'days',
          version: '1.0.0',
          scopes: { 'days:read': 'Count days' },
          tools: [daysTool],
        }),
      ],
      collections: [
        defineCollection({
          id: 'days',
          title: 'Days',
          plugins: ['days'],
          grant: ['days:read'],
          auth: 'none',
        }),
      ],
    });
  });
  afterAll(() => t.close());

  it('answers with an error result about the arguments, not a protocol error', async () => {
    const result = (await t.clients['days']!.callTool({
      name: 'days_since',
      arguments: { from: 'yesterday' },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
    expect(text).toMatch(
      /^Invalid arguments for tool days_since: they could not be checked \(Invalid time value\)/,
    );
  });
});
