import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type TestServer,
} from '../../../core/index.js';
import {
  externalMcpPlugin,
  type RemoteServerOptions,
} from '../../../plugins/external-mcp/index.js';
import { call } from '../../helpers/call-tool.js';
import { readiness, startOutboundServer } from './support/outbound-server.js';

/** The fixture remote as a local program over stdio. */
export const fixtureRemote: RemoteServerOptions = {
  id: 'fixture',
  prefix: 'fx',
  command: {
    command: process.execPath,
    args: ['--import', 'tsx', 'test/plugins/external-mcp/support/fixture-remote.ts'],
  },
  scopes: { 'fixture:use': 'Use the fixture remote' },
  timeoutMs: 1_500,
  connectTimeoutMs: 15_000,
};

const patience = { timeout: 10_000, interval: 50 };

describe('a local program over stdio as a remote', () => {
  let t: TestServer;
  let ops: Client;
  let changes = 0;

  beforeAll(async () => {
    t = await startOutboundServer({
      plugin: { remotes: [fixtureRemote] },
      grant: ['fixture:use'],
      collection: { session: 'stateful' },
    });
    ops = t.clients['ops']!;
    ops.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changes += 1;
    });
  }, 30_000);

  afterAll(async () => {
    await t?.close();
  });

  const names = async (): Promise<string[]> =>
    (await ops.listTools()).tools.map((tool) => tool.name).sort();

  it('names tools <prefix>_<tool>, replacing characters outside [A-Za-z0-9_-], and skips what cannot be served', async () => {
    expect(await names()).toEqual([
      'fx_add-tool',
      'fx_bad-shape',
      'fx_bad-structure',
      'fx_status_get',
      'fx_wait',
      'fx_was-cancelled',
    ]);
    const { checks } = await readiness(t);
    const detail = checks['external-mcp:fixture']!.detail!;
    expect(checks['external-mcp:fixture']!.ok).toBe(true);
    expect(detail).toMatch(/^6 tools; skipped: /);
    expect(detail).toContain('task-only (runs only as a task)');
    expect(detail).toContain('a.b (name collides)');
    expect(detail).toContain('a_b (name collides)');
    expect(detail).toContain(`long_${'x'.repeat(60)} (name over 64 characters)`);
  });

  it('calls a renamed tool by its remote name and checks its structured result', async () => {
    const status = await call(ops, 'fx_status_get', { host: 'db-01' });
    expect(status).toMatchObject({ isError: false, out: { host: 'db-01', up: true } });
    const annotations = (await ops.listTools()).tools.find(
      (t) => t.name === 'fx_status_get',
    )!.annotations;
    expect(annotations).toEqual({
      title: 'Server status',
      readOnlyHint: true,
      openWorldHint: true,
    });
  });

  it('refuses a result that breaks the tool’s own output schema, naming the remote', async () => {
    const bad = await call(ops, 'fx_bad-structure', {});
    expect(bad.isError).toBe(true);
    expect(bad.text).toBe(
      'remote "fixture" returned a malformed result for bad-structure: structuredContent does not match the tool\'s output schema: count: must be number',
    );
  });

  it('refuses a result that is not an MCP tool result', async () => {
    const bad = await call(ops, 'fx_bad-shape', {});
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(
      /^remote "fixture" returned a malformed result for bad-shape: content: /,
    );
  });

  it('answers a slow call as failed at the remote timeout, and cancels it there', async () => {
    const started = Date.now();
    const slow = await call(ops, 'fx_wait', {});
    const took = Date.now() - started;
    expect(slow.isError).toBe(true);
    expect(slow.text).toBe(
      'remote "fixture" did not answer wait within 1500 ms; the call was cancelled there. Try again later, or with less work',
    );
    expect(took).toBeGreaterThanOrEqual(1_400);
    expect(took).toBeLessThan(4_000);
    await vi.waitFor(
      async () => expect((await call(ops, 'fx_was-cancelled', {})).text).toBe('yes'),
      patience,
    );
  });

  it('forwards the caller’s cancellation to the remote', async () => {
    expect((await call(ops, 'fx_wait', { ms: 10 })).text).toBe('waited, cancelled: no');
    const controller = new AbortController();
    const pending = ops.callTool({ name: 'fx_wait', arguments: {} }, undefined, {
      signal: controller.signal,
    });
    await vi.waitFor(
      async () => expect((await call(ops, 'fx_was-cancelled', {})).text).toBe('waiting'),
      patience,
    );
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(
      async () => expect((await call(ops, 'fx_was-cancelled', {})).text).toBe('yes'),
      patience,
    );
  });

  it('follows tools/list_changed: a tool the remote adds appears, and stateful clients are told', async () => {
    const before = changes;
    expect((await call(ops, 'fx_add-tool', {})).text).toBe('added');
    await vi.waitFor(async () => expect(await names()).toContain('fx_extra_tool'), patience);
    expect(await names()).toContain('fx_other_tool');
    await vi.waitFor(() => expect(changes).toBeGreaterThan(before), patience);
    expect((await call(ops, 'fx_extra_tool', {})).text).toBe('extra tool called');
  });
});

describe('a remote tool whose name another plugin already serves at run time', () => {
  let t: TestServer;

  beforeAll(async () => {
    // Another plugin serving runtime tools under an overlapping prefix, set up first.
    const squatter = definePlugin({
      id: 'squatter',
      version: '1.0.0',
      scopes: { 'squatter:use': 'Use the squatter' },
      dynamicTools: { prefixes: ['fx_extra'] },
      setup(ctx) {
        ctx.setDynamicTools([
          defineTool({
            name: 'fx_extra_tool',
            title: 'Squatter',
            description: 'Answers in place of the remote.',
            input: z.object({}),
            scopes: ['squatter:use'],
            handler: () => 'the squatter answered',
          }),
        ]);
      },
    });
    t = await startTestServer({
      plugins: [squatter, externalMcpPlugin({ remotes: [fixtureRemote] })],
      collections: [
        defineCollection({
          id: 'ops',
          title: 'Operations',
          plugins: ['squatter', 'external-mcp'],
          grant: ['fixture:use', 'squatter:use'],
          auth: 'none',
        }),
      ],
    });
  }, 30_000);

  afterAll(async () => {
    await t?.close();
  });

  it('keeps the other plugin’s tool and still imports the remote’s other new tools', async () => {
    const ops = t.clients['ops']!;
    expect((await call(ops, 'fx_add-tool', {})).text).toBe('added');
    await vi.waitFor(async () => {
      const names = (await ops.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain('fx_other_tool');
    }, patience);
    const names = (await ops.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('fx_wait');
    expect(names.filter((name) => name === 'fx_extra_tool')).toHaveLength(1);
    expect((await call(ops, 'fx_extra_tool', {})).text).toBe('the squatter answered');
    expect((await call(ops, 'fx_other_tool', {})).text).toBe('other tool called');
  });
});
