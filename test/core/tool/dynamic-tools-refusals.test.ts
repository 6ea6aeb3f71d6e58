import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  fromJsonSchema,
  ServiceDeskError,
  startTestServer,
  type AnyToolDefinition,
  type TestServer,
} from '../../../core/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { echoTool } from '../../helpers/test-tools.js';
import { monitorPlugin, monitorTool } from './support/monitor-plugin.js';

const { plugin: monitor, setter } = monitorPlugin({ initial: [monitorTool('monitor_ping')] });

let undeclaredSet: ((tools: readonly AnyToolDefinition[]) => void) | undefined;
/** Declares no dynamicTools, yet keeps the setter. */
const undeclared = definePlugin({
  id: 'plain-tools',
  version: '1.0.0',
  scopes: { 'plain:read': 'Read' },
  setup(ctx) {
    undeclaredSet = (tools) => ctx.setDynamicTools(tools);
  },
});

/** A static tool under the monitor's prefix, in a collection that lists both. */
const legacy = definePlugin({
  id: 'legacy',
  version: '1.0.0',
  scopes: { 'legacy:read': 'Read legacy' },
  tools: [echoTool('monitor_legacy', ['legacy:read'])],
});

function refusal(run: () => void): ServiceDeskError {
  try {
    run();
  } catch (error) {
    if (error instanceof ServiceDeskError) return error;
    throw error;
  }
  throw new Error('expected setDynamicTools to refuse');
}

describe('setDynamicTools refusals', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [monitor, undeclared, legacy],
      collections: [
        defineCollection({
          id: 'mixed',
          title: 'Mixed',
          plugins: ['monitor', 'legacy', 'plain-tools'],
          grant: ['monitor:read', 'legacy:read', 'plain:read'],
          auth: 'none',
        }),
      ],
    });
  });
  afterAll(() => t.close());

  const listed = async (): Promise<string[]> =>
    (await t.clients['mixed']!.listTools()).tools.map((tool) => tool.name).sort();
  const before = ['list_monitors', 'monitor_legacy', 'monitor_ping'];

  it.each<{ label: string; run: () => void; code: string; message: RegExp }>([
    {
      label: 'a plugin that declares no dynamicTools',
      run: () => undeclaredSet?.([monitorTool('monitor_x')]),
      code: 'PLUGIN_DYNAMIC_TOOLS_UNDECLARED',
      message:
        /plugin "plain-tools" called setDynamicTools but declares no dynamicTools; add dynamicTools/,
    },
    {
      label: 'a name without a declared prefix',
      run: () => setter.set([monitorTool('monitor_ok'), monitorTool('ping')]),
      code: 'TOOL_INVALID_NAME',
      message:
        /dynamic tool "ping", whose name does not start with its declared prefixes "monitor_", "mon-"/,
    },
    {
      label: 'a name that breaks the tool-name rule',
      run: () => setter.set([monitorTool('monitor_has space')]),
      code: 'TOOL_INVALID_NAME',
      message: /tool "monitor_has space" of plugin "monitor": tool names must match/,
    },
    {
      label: 'a tool without a description',
      run: () => setter.set([monitorTool('monitor_blank', { description: ' ' })]),
      code: 'TOOL_INVALID_DEFINITION',
      message: /tool "monitor_blank" of plugin "monitor" needs a description/,
    },
    {
      label: 'an input schema Ajv cannot compile',
      run: () =>
        setter.set([
          defineTool({
            name: 'monitor_bad_schema',
            title: 'Bad schema',
            description: 'Has a broken schema.',
            input: fromJsonSchema({ type: 'object', properties: { host: { type: 'hostname' } } }),
            scopes: ['monitor:read'],
            handler: () => 'never',
          }),
        ]),
      code: 'TOOL_INVALID_DEFINITION',
      message: /tool "monitor_bad_schema" of plugin "monitor" has a JSON Schema Ajv cannot compile/,
    },
    {
      label: 'a Zod schema JSON Schema cannot express',
      run: () =>
        setter.set([
          defineTool({
            name: 'monitor_dated',
            title: 'Dated',
            description: 'Takes a Date.',
            input: z.object({ at: z.date() }),
            scopes: ['monitor:read'],
            handler: () => 'never',
          }),
        ]),
      code: 'TOOL_INVALID_DEFINITION',
      message: /monitor_dated.*cannot be expressed as inline JSON Schema/,
    },
    {
      label: 'a scope neither the plugin nor what it requires defines',
      run: () => setter.set([monitorTool('monitor_legacy_read', { scopes: ['legacy:read'] })]),
      code: 'SCOPE_UNDEFINED',
      message:
        /tool "monitor_legacy_read" of plugin "monitor" requires scope "legacy:read", which is defined by plugin "legacy", which plugin "monitor" does not require; add "legacy" to plugin "monitor"'s requires/,
    },
    {
      label: 'a name a static tool of a listing collection has',
      run: () => setter.set([monitorTool('monitor_ping'), monitorTool('monitor_legacy')]),
      code: 'TOOL_DUPLICATE_NAME',
      message:
        /dynamic tool "monitor_legacy", but collection "mixed" already has a tool of that name from plugin "legacy"/,
    },
    {
      label: 'a name twice in one set',
      run: () => setter.set([monitorTool('monitor_twin'), monitorTool('monitor_twin')]),
      code: 'TOOL_DUPLICATE_NAME',
      message: /dynamic tool "monitor_twin" twice in one set/,
    },
  ])('refuses $label and keeps the previous set', async ({ run, code, message }) => {
    const error = refusal(run);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(await listed()).toEqual(before);
    const still = await t.clients['mixed']!.callTool({
      name: 'monitor_ping',
      arguments: { text: 'still' },
    });
    expect(still.content).toEqual([{ type: 'text', text: 'monitor_ping: still' }]);
  });

  it('refuses at startup a set given in setup that collides with a static tool', async () => {
    const { plugin } = monitorPlugin({ initial: [monitorTool('monitor_legacy')] });
    await expectStartupError(
      {
        plugins: [plugin, legacy],
        collections: [
          defineCollection({
            id: 'mixed',
            title: 'Mixed',
            plugins: ['monitor', 'legacy'],
            grant: ['monitor:read'],
          }),
        ],
      },
      'TOOL_DUPLICATE_NAME',
    );
  });

  it.each([[['']], [['monitor prefix']], [['x'.repeat(41)]], [[]]])(
    'refuses the dynamic prefixes %j at startup, naming the plugin and the rule',
    async (prefixes) => {
      const error = await expectStartupError(
        {
          plugins: [
            definePlugin({ id: 'bad-prefix', version: '1.0.0', dynamicTools: { prefixes } }),
          ],
          collections: [],
        },
        'TOOL_INVALID_NAME',
      );
      expect(error.message).toMatch(
        prefixes.length === 0
          ? /plugin "bad-prefix" declares dynamicTools without prefixes/
          : /plugin "bad-prefix" declares dynamic tool prefix ".*", which must match \/\^\[A-Za-z0-9_-\]\{1,40\}\$\//,
      );
    },
  );
});
