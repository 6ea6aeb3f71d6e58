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
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { parsePrometheus, valueOf, type Sample } from '../../helpers/prometheus-text.js';

const echo = defineTool({
  name: 'echo',
  title: 'Echo',
  description: 'Returns the text it is given.',
  input: z.object({ text: z.string() }),
  scopes: ['desk:use'],
  handler: ({ input }) => input.text,
});

const refuse = defineTool({
  name: 'refuse',
  title: 'Refuse',
  description: 'Always fails as a tool.',
  input: z.object({}),
  scopes: ['desk:use'],
  handler: () => {
    throw new ToolError('ticket 1 is closed; reopen it first');
  },
});

const deskPlugin = definePlugin({
  id: 'desk-metrics',
  version: '1.0.0',
  scopes: { 'desk:use': 'Use the desk' },
  tools: [echo, refuse],
  setup(ctx) {
    const seen = ctx.metrics.counter({ name: 'set_up_total', help: 'Setups', labelNames: ['how'] });
    seen.inc({ how: 'once' });
  },
});

describe.each(testEngines)('/metrics series after real calls on $engine', (engine) => {
  let t: TestServer;
  let samples: Sample[];

  beforeAll(async () => {
    t = await startTestServer({
      plugins: [deskPlugin],
      collections: [
        defineCollection({
          id: 'desk',
          title: 'Desk',
          plugins: ['desk-metrics'],
          grant: ['desk:use'],
        }),
      ],
      tokens: [
        {
          token: 'agent-token',
          name: 'app',
          userId: 'sam@example.com',
          role: 'agent',
          scopes: ['desk:use'],
          collections: ['desk'],
        },
      ],
      engine,
    });
    const desk = t.clients['desk']!;
    await call(desk, 'echo', { text: 'a' });
    await call(desk, 'echo', { text: 'b' });
    await call(desk, 'echo', { text: 3 });
    await call(desk, 'refuse');
    // Names no tool has: the caller's text, which must not become series of its own.
    await desk.callTool({ name: 'no_such_tool_1', arguments: {} }).catch(() => undefined);
    await desk.callTool({ name: 'no_such_tool_2', arguments: {} }).catch(() => undefined);
    const refused = await fetch(t.urlOf('desk'), {
      method: 'POST',
      headers: {
        authorization: 'Bearer not-a-known-token',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(refused.status).toBe(401);
    const response = await fetch(`${t.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    samples = parsePrometheus(await response.text());
  });
  afterAll(() => t?.close());

  it('counts calls by collection, tool and audit outcome', () => {
    const calls = (tool: string, outcome: string) =>
      valueOf(samples, 'servicedesk_tool_calls_total', { collection: 'desk', tool, outcome });
    expect(calls('echo', 'ok')).toBe(2);
    expect(calls('echo', 'invalid_input')).toBe(1);
    expect(calls('refuse', 'tool_error')).toBe(1);
    expect(calls('refuse', 'ok')).toBeUndefined();
    expect(calls('(not found)', 'denied')).toBe(2);
    expect(samples.some((sample) => sample.labels['tool']?.startsWith('no_such_tool'))).toBe(false);
  });

  it('puts every call into the duration histogram of its tool', () => {
    const where = { collection: 'desk', tool: 'echo' };
    expect(valueOf(samples, 'servicedesk_tool_call_duration_seconds_count', where)).toBe(3);
    expect(
      valueOf(samples, 'servicedesk_tool_call_duration_seconds_bucket', { ...where, le: '+Inf' }),
    ).toBe(3);
    expect(
      valueOf(samples, 'servicedesk_tool_call_duration_seconds_bucket', { ...where, le: '30' }),
    ).toBe(3);
    expect(valueOf(samples, 'servicedesk_tool_call_duration_seconds_sum', where)).toBeGreaterThan(
      0,
    );
  });

  it('counts refused authentication by reason', () => {
    expect(
      valueOf(samples, 'servicedesk_auth_failures_total', { reason: 'AUTH_TOKEN_INVALID' }),
    ).toBe(1);
  });

  it("serves a plugin's own series under its id, and the Node process metrics", () => {
    expect(valueOf(samples, 'servicedesk_desk_metrics_set_up_total', { how: 'once' })).toBe(1);
    expect(valueOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('reports the PostgreSQL pool (and nothing for SQLite, which has none)', () => {
    const pool = (state: string) => valueOf(samples, 'servicedesk_db_pool_connections', { state });
    if (engine.engine === 'sqlite') {
      expect(pool('total')).toBeUndefined();
      expect(valueOf(samples, 'servicedesk_db_pool_wait_seconds_count')).toBe(0);
      return;
    }
    expect(pool('total')).toBeGreaterThanOrEqual(1);
    expect(pool('idle')).toBeGreaterThanOrEqual(0);
    expect(pool('waiting')).toBe(0);
    expect(valueOf(samples, 'servicedesk_db_pool_wait_seconds_count')).toBeGreaterThan(0);
  });
});
