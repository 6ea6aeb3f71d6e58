import { z } from 'zod';
import {
  definePlugin,
  defineTool,
  type AnyToolDefinition,
  type DynamicToolsOptions,
  type PluginDefinition,
  type Scope,
} from '../../../../core/index.js';

/** Holds a plugin's `setDynamicTools` once its setup ran, as a plugin watching a remote would. */
export interface DynamicToolSetter {
  set(tools: readonly AnyToolDefinition[], options?: DynamicToolsOptions): void;
}

/**
 * A tool under the monitor's prefix that answers `<name>: <text>`, so a test sees which
 * handler ran.
 *
 * @example
 * setter.set([monitorTool('monitor_ping')]);
 */
export function monitorTool(
  name: string,
  options: { scopes?: readonly Scope[]; description?: string; reply?: string } = {},
): AnyToolDefinition {
  return defineTool({
    name,
    title: `Monitor ${name}`,
    description: options.description ?? `Checks ${name} on the remote.`,
    input: z.object({ text: z.string() }),
    scopes: options.scopes ?? ['monitor:read'],
    handler: ({ input }) => `${options.reply ?? name}: ${input.text}`,
  });
}

/**
 * `monitor`: one static tool (`list_monitors`) and runtime tools under `monitor_`, set through
 * the returned setter (and first to `initial` during setup).
 *
 * @example
 * const { plugin, setter } = monitorPlugin({ initial: [monitorTool('monitor_ping')] });
 */
export function monitorPlugin(
  options: {
    initial?: readonly AnyToolDefinition[];
    extraStatic?: readonly AnyToolDefinition[];
  } = {},
): { plugin: PluginDefinition; setter: DynamicToolSetter } {
  let set: DynamicToolSetter['set'] | undefined;
  const setter: DynamicToolSetter = {
    set: (tools, setOptions) => {
      if (!set) throw new Error('the monitor plugin is not set up yet');
      set(tools, setOptions);
    },
  };
  const plugin = definePlugin({
    id: 'monitor',
    version: '1.0.0',
    scopes: { 'monitor:read': 'Read monitors', 'monitor:admin': 'Change monitors' },
    dynamicTools: { prefixes: ['monitor_', 'mon-'] },
    tools: [
      defineTool({
        name: 'list_monitors',
        title: 'List monitors',
        description: 'Lists the monitors.',
        input: z.object({}),
        scopes: ['monitor:read'],
        handler: () => 'none',
      }),
      ...(options.extraStatic ?? []),
    ],
    setup(ctx) {
      set = (tools, setOptions) => ctx.setDynamicTools(tools, setOptions);
      if (options.initial) ctx.setDynamicTools(options.initial);
    },
  });
  return { plugin, setter };
}
