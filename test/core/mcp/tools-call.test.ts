import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakyFailure } from './support/fixture-plugin.js';
import { startFixtureServer, tokens, type FixtureServer } from './support/fixture-server.js';
import { callBody, messagesOf, postRpc } from './support/raw-http.js';

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

function textOf(result: unknown): string {
  const content = (result as CallToolResult).content;
  return content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

describe('tools/call over Streamable HTTP', () => {
  let f: FixtureServer;
  let alice: Client;
  let sam: Client;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    f = await startFixtureServer({
      log: {
        level: 'error',
        sink: (line) => logLines.push(JSON.parse(line) as Record<string, unknown>),
      },
    });
    alice = await f.t.connect('desk', tokens.alice);
    sam = await f.t.connect('agent', tokens.sam);
  });
  afterAll(() => f.t.close());

  describe('tools the caller may not use', () => {
    it('answers a forbidden tool with JSON-RPC error -32602 and only the code as data', async () => {
      const response = await postRpc(
        f.t.urlOf('desk'),
        callBody(7, 'update_ticket', { id: 1, priority: 1, status: 'open', details: {} }),
        { token: tokens.alice },
      );
      expect(response.status).toBe(200);
      const [message] = await messagesOf(response);
      expect(message?.id).toBe(7);
      expect(message).not.toHaveProperty('result');
      expect(message?.error?.code).toBe(-32602);
      expect(message?.error?.data).toEqual({ code: 'TOOL_NOT_FOUND' });
      expect(message?.error?.message).toMatch(/update_ticket/);
    });

    it('answers an unknown tool exactly like a forbidden one, so callers cannot probe', async () => {
      const unknown = await messagesOf(
        await postRpc(f.t.urlOf('desk'), callBody(8, 'drop_tables'), { token: tokens.alice }),
      );
      const forbidden = await messagesOf(
        await postRpc(f.t.urlOf('desk'), callBody(8, 'read_all_tickets'), {
          token: tokens.alice,
        }),
      );
      expect(unknown[0]?.error?.code).toBe(-32602);
      expect(unknown[0]).not.toHaveProperty('result');
      expect(unknown[0]?.error?.data).toEqual(forbidden[0]?.error?.data);
      expect(unknown[0]?.error?.message.replace('drop_tables', 'X')).toBe(
        forbidden[0]?.error?.message.replace('read_all_tickets', 'X'),
      );
    });

    it('rejects the call in the SDK client with an McpError', async () => {
      const call = alice.callTool({ name: 'read_all_tickets', arguments: {} });
      await expect(call).rejects.toBeInstanceOf(McpError);
      await expect(call).rejects.toMatchObject({ code: -32602 });
    });

    it('lets a caller with the scope run the same tool', async () => {
      const result = await sam.callTool({ name: 'read_all_tickets', arguments: {} });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({ tickets: [] });
    });
  });

  describe('arguments that do not match the input schema', () => {
    const good = { id: 4821, priority: 2, status: 'open', details: { category: 'network' } };

    it('names a field of the wrong type and what it expects', async () => {
      const result = await sam.callTool({
        name: 'update_ticket',
        arguments: { ...good, priority: 'high' },
      });
      expect(result.isError).toBe(true);
      expect(result).not.toHaveProperty('structuredContent');
      expect(textOf(result)).toContain('priority: expected number, received string');
    });

    it('names a missing required field', async () => {
      const { status: _status, ...withoutStatus } = good;
      const result = await sam.callTool({ name: 'update_ticket', arguments: withoutStatus });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/status: .*expected/);
      expect(textOf(result)).not.toMatch(/priority:/);
    });

    it('names a wrong enum value and lists the allowed ones', async () => {
      const result = await sam.callTool({
        name: 'update_ticket',
        arguments: { ...good, status: 'resolved' },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/status: .*"open".*"pending".*"closed"/);
    });

    it('names a nested field by its path', async () => {
      const result = await sam.callTool({
        name: 'update_ticket',
        arguments: { ...good, details: { category: 7, tags: ['vpn', 3] } },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('details.category: expected string, received number');
      expect(textOf(result)).toContain('details.tags.1: expected string, received number');
    });

    it('names a value out of range', async () => {
      const result = await sam.callTool({
        name: 'update_ticket',
        arguments: { ...good, priority: 9 },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/priority: .*4/);
    });
  });

  describe('results', () => {
    it('returns validated output as structuredContent plus text', async () => {
      const result = await sam.callTool({
        name: 'update_ticket',
        arguments: { id: 4821, priority: 1, status: 'pending', details: { category: 'network' } },
      });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({
        id: 4821,
        title: 'VPN drops',
        priority: 1,
        status: 'pending',
        category: 'network',
      });
      expect(result.content).toEqual([{ type: 'text', text: 'ticket 4821 is now P1 pending' }]);
    });

    it('sends the JSON of the output as text when the tool has no summary', async () => {
      const result = await sam.callTool({ name: 'echo_caller', arguments: { tag: 'x' } });
      expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
      expect(result.structuredContent).toEqual({ userId: 'sam', tag: 'x' });
    });

    it('returns plain text for a tool without an output schema', async () => {
      const result = await alice.callTool({ name: 'search_kb', arguments: { query: 'vpn' } });
      expect(result).not.toHaveProperty('structuredContent');
      expect(result.content).toEqual([{ type: 'text', text: 'no articles match "vpn"' }]);
    });

    it('reports output that breaks the output schema as a defect, without internals', async () => {
      const result = await alice.callTool({ name: 'bad_output', arguments: {} });
      expect(result.isError).toBe(true);
      expect(result).not.toHaveProperty('structuredContent');
      const text = textOf(result);
      expect(text).toMatch(/bad_output .*does not match its declared output/);
      expect(text).toMatch(/defect in the tool/);
      expect(text).toMatch(uuid);
      expect(text).not.toMatch(/many|\n\s+at |ZodError/);
    });

    it('sends a ToolError message as the isError text, exactly', async () => {
      const result = await alice.callTool({ name: 'refuse', arguments: {} });
      expect(result.isError).toBe(true);
      expect(result.content).toEqual([
        { type: 'text', text: 'ticket 4821 is closed; reopen it with action_ticket first' },
      ]);
    });

    it('hides a plain Error behind a correlation id that the server log carries', async () => {
      const result = await alice.callTool({ name: 'crash', arguments: {} });
      expect(result.isError).toBe(true);
      const text = textOf(result);
      const correlationId = uuid.exec(text)?.[0];
      expect(correlationId).toBeDefined();
      expect(text).not.toMatch(/SELECT|password|SQLITE|syntax error|\n\s+at /);
      const logged = logLines.find((l) => l['correlationId'] === correlationId);
      expect(logged).toMatchObject({ level: 'error', tool: 'crash', error: leakyFailure });
      expect(String(logged?.['stack'])).toContain('fixture-tools.ts');
    });
  });
});
