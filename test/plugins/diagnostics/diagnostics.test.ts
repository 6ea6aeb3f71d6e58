import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineCollection,
  startTestServer,
  type DevToken,
  type TestServer,
} from '../../../core/index.js';
import { diagnosticsPlugin } from '../../../plugins/diagnostics/index.js';

const tokens: DevToken[] = [
  {
    token: 'diag-user',
    name: 'laptop',
    userId: 'alice@example.com',
    role: 'end_user',
    organisationId: 'acorn',
    scopes: ['diagnostics:read'],
    collections: ['desk'],
  },
  {
    token: 'diag-agent',
    name: 'console',
    userId: 'sam',
    role: 'agent',
    scopes: ['diagnostics:read'],
    collections: ['desk'],
  },
  {
    token: 'no-diagnostics',
    name: 'other',
    userId: 'pat',
    role: 'agent',
    scopes: [],
    collections: ['desk'],
  },
];

function text(result: unknown): string {
  return (result as CallToolResult).content.map((c) => (c.type === 'text' ? c.text : '')).join('');
}

describe('the diagnostics plugin', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({
      plugins: [diagnosticsPlugin()],
      collections: [
        defineCollection({
          id: 'desk',
          title: 'Desk',
          plugins: ['diagnostics'],
          grant: ['diagnostics:read'],
        }),
      ],
      tokens,
    });
  });
  afterAll(() => t.close());

  it('defines its scope with a description for the consent page', () => {
    const plugin = diagnosticsPlugin();
    expect(plugin.id).toBe('diagnostics');
    expect(plugin.scopes).toEqual({ 'diagnostics:read': expect.stringMatching(/\w+/) });
  });

  it('lists ping and whoami as read-only, idempotent, closed-world tools', async () => {
    const { tools } = await t.clients['desk']!.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['ping', 'whoami']);
    for (const tool of tools) {
      expect(tool.title).toBeTruthy();
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        idempotentHint: true,
        openWorldHint: false,
      });
      expect(tool.outputSchema?.type).toBe('object');
    }
  });

  it('hides both tools from a token without diagnostics:read, and asks for it on a call', async () => {
    const client = await t.connect('desk', 'no-diagnostics');
    expect((await client.listTools()).tools).toEqual([]);
    // The collection grants the scope, so the caller may step up: 403 insufficient_scope.
    await expect(client.callTool({ name: 'ping', arguments: {} })).rejects.toMatchObject({
      code: 403,
    });
  });

  describe('ping', () => {
    it('answers pong with the server time', async () => {
      const before = Date.now();
      const result = await t.clients['desk']!.callTool({ name: 'ping', arguments: {} });
      const out = result.structuredContent as { message: string; serverTime: string };
      expect(out.message).toBe('pong');
      expect(new Date(out.serverTime).toISOString()).toBe(out.serverTime);
      expect(Date.parse(out.serverTime)).toBeGreaterThanOrEqual(before - 1000);
      expect(text(result)).toBe(`pong (server time ${out.serverTime})`);
    });

    it('echoes the message it is sent', async () => {
      const result = await t.clients['desk']!.callTool({
        name: 'ping',
        arguments: { message: 'hello desk' },
      });
      expect(result.structuredContent).toMatchObject({ message: 'hello desk' });
    });

    it('names the message field when it is too long', async () => {
      const result = await t.clients['desk']!.callTool({
        name: 'ping',
        arguments: { message: 'x'.repeat(201) },
      });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/message: .*200/);
    });
  });

  describe('whoami', () => {
    it('reports an end user with their organisation and effective scopes', async () => {
      const result = await t.clients['desk']!.callTool({ name: 'whoami', arguments: {} });
      expect(result.structuredContent).toEqual({
        userId: 'alice@example.com',
        role: 'end_user',
        organisationId: 'acorn',
        clientId: 'laptop',
        collection: 'desk',
        scopes: ['diagnostics:read'],
      });
      expect(text(result)).toBe(
        'alice@example.com (end_user) via laptop on desk; scopes: diagnostics:read',
      );
    });

    it('reports a caller without an organisation as null', async () => {
      const client = await t.connect('desk', 'diag-agent');
      const result = await client.callTool({ name: 'whoami', arguments: {} });
      expect(result.structuredContent).toMatchObject({
        userId: 'sam',
        role: 'agent',
        organisationId: null,
        clientId: 'console',
      });
    });
  });
});
