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
import { callBody, messagesOf, postRpc } from '../mcp/support/raw-http.js';
import { monitorPlugin, monitorTool } from './support/monitor-plugin.js';

const patience = { timeout: 5000, interval: 50 };

/** Calls `monitor_ping` through ctx.callTool and returns what came back. */
const runner = definePlugin({
  id: 'runner',
  version: '1.0.0',
  scopes: { 'runner:run': 'Run checks' },
  tools: [
    defineTool({
      name: 'run_check',
      title: 'Run check',
      description: 'Runs monitor_ping as the caller.',
      input: z.object({ text: z.string() }),
      scopes: ['runner:run'],
      calls: ['monitor_ping'],
      handler: async ({ input, callTool }) => {
        const result = await callTool('monitor_ping', { text: input.text });
        const first = result.content[0];
        return `${result.isError === true ? 'failed' : 'ok'}: ${first?.type === 'text' ? first.text : ''}`;
      },
    }),
  ],
});

const { plugin: monitor, setter } = monitorPlugin({ initial: [monitorTool('monitor_ping')] });

const names = async (t: TestServer, collection: string): Promise<string[]> =>
  (await t.clients[collection]!.listTools()).tools.map((tool) => tool.name);

describe('runtime tools of a plugin (setDynamicTools)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [monitor, runner],
      collections: [
        defineCollection({
          id: 'live',
          title: 'Live',
          plugins: ['monitor', 'runner'],
          grant: ['monitor:read', 'monitor:admin', 'runner:run'],
          auth: 'none',
          session: 'stateful',
        }),
        defineCollection({
          id: 'plain',
          title: 'Plain',
          plugins: ['monitor'],
          grant: ['monitor:read'],
          auth: 'none',
        }),
        defineCollection({
          id: 'secure',
          title: 'Secure',
          plugins: ['monitor'],
          grant: ['monitor:read', 'monitor:admin'],
        }),
      ],
      tokens: [
        {
          token: 'reader-token',
          name: 'Reader',
          userId: 'reader',
          role: 'admin',
          scopes: ['monitor:read'],
          collections: ['secure'],
        },
      ],
    });
  });
  afterAll(() => t.close());

  it('lists the tools set during setup beside the static ones, and calls them', async () => {
    expect(await names(t, 'plain')).toEqual(['list_monitors', 'monitor_ping']);
    const result = await t.clients['plain']!.callTool({
      name: 'monitor_ping',
      arguments: { text: 'up?' },
    });
    expect(result).toMatchObject({ content: [{ type: 'text', text: 'monitor_ping: up?' }] });
    expect(result.isError).toBeUndefined();
    expect(t.clients['live']!.getServerCapabilities()?.tools?.listChanged).toBe(true);
  });

  it('shows a new set at once on a stateless collection, and a removed tool is not found', async () => {
    setter.set([monitorTool('monitor_disk'), monitorTool('mon-cpu')]);
    expect(await names(t, 'plain')).toEqual(['list_monitors', 'monitor_disk', 'mon-cpu']);
    await expect(
      t.clients['plain']!.callTool({ name: 'monitor_ping', arguments: { text: 'x' } }),
    ).rejects.toMatchObject({
      code: -32602,
      message: expect.stringMatching(/monitor_ping not found/),
    });
    const disk = await t.clients['plain']!.callTool({
      name: 'monitor_disk',
      arguments: { text: 'full?' },
    });
    expect(disk.content).toEqual([{ type: 'text', text: 'monitor_disk: full?' }]);

    setter.set([]);
    expect(await names(t, 'plain')).toEqual(['list_monitors']);
    expect(
      t.server.collections.find((c) => c.id === 'plain')!.registry.tools.has('monitor_disk'),
    ).toBe(false);
    setter.set([monitorTool('monitor_ping')]);
  });

  it('sends tools/list_changed to a stateful session, once per change and not for the same set', async () => {
    const client = t.clients['live']!;
    let changes = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changes += 1;
    });
    // The client opens its GET stream in the background; change the set until it listens.
    let flip = false;
    await vi.waitFor(() => {
      flip = !flip;
      setter.set(flip ? [monitorTool('monitor_ping'), monitorTool('monitor_disk')] : []);
      expect(changes).toBeGreaterThan(0);
    }, patience);
    setter.set([monitorTool('monitor_ping')]);
    // Let the notifications of those flips arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    changes = 0;

    const ping = monitorTool('monitor_ping', { reply: 'pong' });
    const same = [ping];
    setter.set(same);
    // A new handler behind an identical listing is swapped in without telling clients.
    const swapped = await client.callTool({ name: 'monitor_ping', arguments: { text: 'a' } });
    expect(swapped.content).toEqual([{ type: 'text', text: 'pong: a' }]);
    setter.set(same);
    setter.set([ping, monitorTool('monitor_disk')]);
    await vi.waitFor(() => expect(changes).toBe(1), patience);
    expect(await names(t, 'live')).toEqual([
      'list_monitors',
      'run_check',
      'monitor_ping',
      'monitor_disk',
    ]);
    // Notifications on the stream keep their order: nothing came before the real change.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(changes).toBe(1);
    setter.set([monitorTool('monitor_ping')]);
    await vi.waitFor(() => expect(changes).toBe(2), patience);
  });

  it('lets ctx.callTool reach a runtime tool while it is there, and answers not found when gone', async () => {
    setter.set([monitorTool('monitor_ping')]);
    const call = () =>
      t.clients['live']!.callTool({ name: 'run_check', arguments: { text: 'now' } });
    expect((await call()).content).toEqual([{ type: 'text', text: 'ok: monitor_ping: now' }]);
    setter.set([]);
    const gone = await call();
    expect(gone.content).toEqual([
      { type: 'text', text: expect.stringMatching(/^failed: Tool monitor_ping not found/) },
    ]);
    setter.set([monitorTool('monitor_ping')]);
  });

  it('asks for step-up consent for a runtime tool only while it exists', async () => {
    setter.set([monitorTool('monitor_ping')]);
    const reset = () =>
      postRpc(t.urlOf('secure'), callBody(1, 'monitor_reset', { text: 'all' }), {
        token: 'reader-token',
      });
    const absent = await reset();
    expect(absent.status).toBe(200);
    expect((await messagesOf(absent))[0]?.error?.message).toMatch(/monitor_reset not found/);

    setter.set([
      monitorTool('monitor_ping'),
      monitorTool('monitor_reset', { scopes: ['monitor:admin'] }),
    ]);
    const present = await reset();
    expect(present.status).toBe(403);
    expect(present.headers.get('www-authenticate')).toMatch(/scope="monitor:admin monitor:read"/);
    await present.text();
    setter.set([monitorTool('monitor_ping')]);
  });

  describe('tools that exist but cannot be served now (unavailable)', () => {
    const down = (name: string, scopes = ['monitor:read']) => ({
      name,
      scopes,
      message: `${name} is down (since 09:30); try again later`,
    });
    afterAll(() => setter.set([monitorTool('monitor_ping')]));

    it('answers a caller who may use one with its message, unlisted, also through ctx.callTool', async () => {
      setter.set([], { unavailable: [down('monitor_ping')] });
      expect(await names(t, 'plain')).toEqual(['list_monitors']);
      const result = await t.clients['plain']!.callTool({
        name: 'monitor_ping',
        arguments: { text: 'x' },
      });
      expect(result).toEqual({
        content: [{ type: 'text', text: 'monitor_ping is down (since 09:30); try again later' }],
        isError: true,
      });
      const nested = await t.clients['live']!.callTool({
        name: 'run_check',
        arguments: { text: 'now' },
      });
      expect(nested.content).toEqual([
        { type: 'text', text: 'failed: monitor_ping is down (since 09:30); try again later' },
      ]);
    });

    it('answers not found to a caller whose scopes would not allow it', async () => {
      setter.set([], { unavailable: [down('monitor_reset', ['monitor:admin'])] });
      const response = await postRpc(t.urlOf('secure'), callBody(1, 'monitor_reset', {}), {
        token: 'reader-token',
      });
      expect((await messagesOf(response))[0]?.error).toMatchObject({
        code: -32602,
        data: { code: 'TOOL_NOT_FOUND' },
      });
    });

    it('forgets them with the next set, and serves a tool again once it is offered', async () => {
      setter.set([], { unavailable: [down('monitor_ping')] });
      setter.set([monitorTool('monitor_ping')]);
      const result = await t.clients['plain']!.callTool({
        name: 'monitor_ping',
        arguments: { text: 'up' },
      });
      expect(result.content).toEqual([{ type: 'text', text: 'monitor_ping: up' }]);
      setter.set([]);
      await expect(
        t.clients['plain']!.callTool({ name: 'monitor_ping', arguments: { text: 'x' } }),
      ).rejects.toMatchObject({ code: -32602 });
    });

    it.each([
      ['outside the prefixes', [down('ping_monitor')], 'TOOL_INVALID_NAME'],
      ['given twice', [down('monitor_ping'), down('monitor_ping')], 'TOOL_DUPLICATE_NAME'],
      ['also offered', [down('monitor_disk')], 'TOOL_DUPLICATE_NAME'],
      ['with a scope no plugin defines', [down('monitor_ping', ['other:read'])], 'SCOPE_UNDEFINED'],
    ])('refuses one %s and changes nothing', (_label, unavailable, code) => {
      setter.set([monitorTool('monitor_ping')]);
      expect(() => setter.set([monitorTool('monitor_disk')], { unavailable })).toThrow(
        expect.objectContaining({ code }),
      );
      expect(
        [...t.server.collections.find((c) => c.id === 'plain')!.registry.tools.keys()].sort(),
      ).toEqual(['list_monitors', 'monitor_ping']);
    });
  });
});
