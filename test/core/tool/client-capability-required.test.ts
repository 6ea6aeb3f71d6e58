import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ClientCapabilityRequired,
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type TestServer,
} from '../../../core/index.js';
import { call } from '../../helpers/call-tool.js';
import { metaKeys, postModern } from '../../helpers/modern-request.js';

const plugin = definePlugin({
  id: 'needs',
  version: '1.0.0',
  scopes: { 'needs:use': 'Use' },
  tools: [
    defineTool({
      name: 'summarise',
      title: 'Summarise',
      description: 'Needs the client’s model.',
      input: z.object({}),
      scopes: ['needs:use'],
      handler: ({ sample }) => {
        if (!sample)
          throw new ClientCapabilityRequired({ sampling: {} }, 'summarise needs sampling');
        return 'sampled';
      },
    }),
  ],
});

describe('a handler that needs a client capability the client did not declare', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [plugin],
      collections: [
        defineCollection({
          id: 'needs',
          title: 'Needs',
          plugins: ['needs'],
          grant: ['needs:use'],
          auth: 'none',
        }),
      ],
    });
  });
  afterAll(() => t.close());

  it('answers a 2026-07-28 client with 400 and -32021 naming the capability', async () => {
    const response = await postModern(t.urlOf('needs'), {
      id: 3,
      method: 'tools/call',
      params: { name: 'summarise', arguments: {} },
      meta: { [metaKeys.clientCapabilities]: { elicitation: {} } },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      id: 3,
      error: {
        code: -32021,
        message: 'summarise needs sampling',
        data: { code: 'MCP_MISSING_CLIENT_CAPABILITY', requiredCapabilities: { sampling: {} } },
      },
    });
  });

  it('answers a 2025-11-25 client with the message as an isError result, and audits a denial', async () => {
    const result = await call(t.clients['needs']!, 'summarise', {});
    expect(result).toMatchObject({ isError: true, text: 'summarise needs sampling' });
    await t.server.audit.flush();
    const rows = await t.server.audit.query({ since: new Date(0), tool: 'summarise' });
    expect(rows.map((row) => [row.outcome, row.error_code])).toEqual([
      ['denied', 'MCP_MISSING_CLIENT_CAPABILITY'],
      ['denied', 'MCP_MISSING_CLIENT_CAPABILITY'],
    ]);
  });
});
