import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type TestServer,
} from '../../../core/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { monitorPlugin, monitorTool } from '../tool/support/monitor-plugin.js';

/** Calls the runtime tool `monitor_ping`, declared in `calls` before it exists. */
const runner = definePlugin({
  id: 'runner',
  version: '1.0.0',
  scopes: { 'runner:run': 'Run checks' },
  tools: [
    defineTool({
      name: 'run_check',
      title: 'Run check',
      description: 'Runs monitor_ping as the caller.',
      input: z.object({}),
      scopes: ['runner:run'],
      calls: ['monitor_ping'],
      handler: async ({ callTool }) => {
        const result = await callTool('monitor_ping', { text: 'from runner' });
        const first = result.content[0];
        return first?.type === 'text' ? first.text : '';
      },
    }),
  ],
});

describe('collection tools selection and calls with runtime tools', () => {
  const { plugin: monitor, setter } = monitorPlugin();
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [monitor, runner],
      collections: [
        defineCollection({
          id: 'picked',
          title: 'Picked',
          plugins: ['monitor', 'runner'],
          tools: ['list_monitors', 'monitor_ping', 'run_check'],
          grant: ['monitor:read', 'runner:run'],
          auth: 'none',
        }),
        defineCollection({
          id: 'all',
          title: 'All',
          plugins: ['monitor'],
          grant: ['monitor:read'],
          auth: 'none',
        }),
      ],
    });
  });
  afterAll(() => t.close());

  const names = async (collection: string): Promise<string[]> =>
    (await t.clients[collection]!.listTools()).tools.map((tool) => tool.name);

  it('starts with a selected runtime tool absent, and ctx.callTool answers not found', async () => {
    expect(await names('picked')).toEqual(['list_monitors', 'run_check']);
    const result = await t.clients['picked']!.callTool({ name: 'run_check', arguments: {} });
    expect(result.content).toEqual([
      { type: 'text', text: expect.stringMatching(/^Tool monitor_ping not found/) },
    ]);
  });

  it('shows only the selected runtime tools there, and all of them without a selection', async () => {
    setter.set([monitorTool('monitor_ping'), monitorTool('monitor_disk')]);
    expect(await names('picked')).toEqual(['list_monitors', 'monitor_ping', 'run_check']);
    expect(await names('all')).toEqual(['list_monitors', 'monitor_ping', 'monitor_disk']);
    await expect(
      t.clients['picked']!.callTool({ name: 'monitor_disk', arguments: { text: 'x' } }),
    ).rejects.toMatchObject({ code: -32602 });
    const result = await t.clients['picked']!.callTool({ name: 'run_check', arguments: {} });
    expect(result.content).toEqual([{ type: 'text', text: 'monitor_ping: from runner' }]);
  });

  it('answers an unavailable runtime tool only where the selection names it', async () => {
    const message = 'monitor is down; try again later';
    setter.set([], {
      unavailable: ['monitor_ping', 'monitor_disk'].map((name) => ({
        name,
        scopes: ['monitor:read'],
        message,
      })),
    });
    const picked = t.clients['picked']!;
    expect(await picked.callTool({ name: 'monitor_ping', arguments: {} })).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: message }],
    });
    await expect(picked.callTool({ name: 'monitor_disk', arguments: {} })).rejects.toMatchObject({
      code: -32602,
    });
    expect(await t.clients['all']!.callTool({ name: 'monitor_disk', arguments: {} })).toMatchObject(
      { isError: true, content: [{ type: 'text', text: message }] },
    );
    setter.set([]);
  });

  it('still refuses a selected name outside every listed plugin’s prefixes', async () => {
    const error = await expectStartupError(
      {
        plugins: [monitorPlugin().plugin, runner],
        collections: [
          defineCollection({
            id: 'typo',
            title: 'Typo',
            plugins: ['monitor'],
            tools: ['monitr_ping'],
            grant: ['monitor:read'],
          }),
        ],
      },
      'COLLECTION_UNKNOWN_TOOL',
    );
    expect(error.message).toMatch(
      /lists tool "monitr_ping", which none of its plugins \(monitor\)/,
    );
  });

  it('refuses a selected runtime name whose plugin the collection does not list', async () => {
    await expectStartupError(
      {
        plugins: [monitorPlugin().plugin, runner],
        collections: [
          defineCollection({
            id: 'unlisted',
            title: 'Unlisted',
            plugins: ['runner'],
            tools: ['monitor_ping'],
            grant: ['runner:run'],
          }),
        ],
      },
      'COLLECTION_UNKNOWN_TOOL',
    );
  });

  it.each([
    ['does not list the plugin', { plugins: ['runner'] }],
    [
      'selects the caller but not the runtime tool',
      { plugins: ['runner', 'monitor'], tools: ['run_check'] },
    ],
  ])('refuses calls to a runtime tool in a collection that %s', async (_label, shape) => {
    const error = await expectStartupError(
      {
        plugins: [monitorPlugin().plugin, runner],
        collections: [
          defineCollection({ id: 'calls', title: 'Calls', grant: ['runner:run'], ...shape }),
        ],
      },
      'COLLECTION_MISSING_TOOL',
    );
    expect(error.message).toMatch(
      /offers tool "run_check" of plugin "runner", which calls "monitor_ping"/,
    );
  });
});
