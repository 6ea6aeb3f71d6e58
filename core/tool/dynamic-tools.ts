import type { CollectionDefinition } from '../collection/define-collection.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { PluginDefinition } from '../plugin/define-plugin.js';
import type { PluginContributions } from '../plugin/plugin-contributions.js';
import { pluginScopes } from '../plugin/plugin-scopes.js';
import { compileTool, type CompiledTool } from './compile-tool.js';
import type { AnyToolDefinition } from './define-tool.js';
import { checkUnavailableTools, type UnavailableTool } from './unavailable-tool.js';

/**
 * What one `setDynamicTools` call changed: names added, removed or listed differently.
 *
 * @example
 * dynamic.onChange(({ pluginId, names }) => log.info('tools changed', { pluginId, names: [...names] }));
 */
export interface DynamicToolChange {
  readonly pluginId: string;
  readonly names: ReadonlySet<string>;
}

/**
 * The tools plugins add and remove while the server runs, per plugin. Each change bumps
 * `version`, which collection registries compare to rebuild their tool maps lazily.
 *
 * @example
 * const dynamic = new DynamicTools(orderedPlugins);
 * dynamic.set('monitor', [pingTool]); // what ctx.setDynamicTools does for plugin "monitor"
 * dynamic.toolsOf('monitor').has('monitor_ping'); // true
 */
export class DynamicTools {
  readonly #byId: ReadonlyMap<string, PluginDefinition>;
  readonly #sets = new Map<string, ReadonlyMap<string, CompiledTool>>();
  readonly #unavailable = new Map<string, ReadonlyMap<string, UnavailableTool>>();
  readonly #listeners = new Set<(change: DynamicToolChange) => void>();
  #collections: readonly CollectionDefinition[] | undefined;
  #staticNames: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map();
  #version = 0;

  constructor(plugins: readonly PluginDefinition[]) {
    this.#byId = new Map(plugins.map((p) => [p.id, p]));
  }

  /** Grows by one with every change to any plugin's set. */
  get version(): number {
    return this.#version;
  }

  /** The runtime tools `pluginId` offers now, by name. */
  toolsOf(pluginId: string): ReadonlyMap<string, CompiledTool> {
    return this.#sets.get(pluginId) ?? new Map();
  }

  /** The tools `pluginId` says exist but cannot be served now, by name. */
  unavailableOf(pluginId: string): ReadonlyMap<string, UnavailableTool> {
    return this.#unavailable.get(pluginId) ?? new Map();
  }

  /** Calls `listener` after each change that clients can see; returns the unsubscribe function. */
  onChange(listener: (change: DynamicToolChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Learns every plugin's static tools once setup is done, and checks the sets given during
   * setup against them (a collision then fails startup).
   */
  bind(
    collections: readonly CollectionDefinition[],
    contributions: ReadonlyMap<string, PluginContributions>,
  ): void {
    this.#collections = collections;
    this.#staticNames = new Map(
      [...contributions].map(([id, c]) => [
        id,
        new Map(c.tools.map((t) => [t.definition.name, id])),
      ]),
    );
    for (const [pluginId, tools] of this.#sets) this.#checkCollisions(pluginId, tools);
  }

  /**
   * Replaces `pluginId`'s runtime tools, and the tools it says exist but cannot be served now;
   * throws (changing nothing) when one is refused.
   */
  set(
    pluginId: string,
    tools: readonly AnyToolDefinition[],
    unavailable: readonly UnavailableTool[] = [],
  ): void {
    const plugin = this.#byId.get(pluginId);
    const prefixes = plugin?.dynamicTools?.prefixes;
    if (plugin === undefined || prefixes === undefined) {
      throw new ServiceDeskError(
        'PLUGIN_DYNAMIC_TOOLS_UNDECLARED',
        `plugin "${pluginId}" called setDynamicTools but declares no dynamicTools; ` +
          `add dynamicTools: { prefixes: ['<prefix>_'] } to its definition`,
      );
    }
    const underPrefix = (name: string): void => {
      if (!prefixes.some((prefix) => String(name).startsWith(prefix))) {
        throw new ServiceDeskError(
          'TOOL_INVALID_NAME',
          `plugin "${pluginId}" set dynamic tool "${String(name)}", whose name does not start with ` +
            `its declared prefix${prefixes.length === 1 ? '' : 'es'} ${prefixes.map((p) => `"${p}"`).join(', ')}; ` +
            'rename the tool or declare the prefix in dynamicTools',
        );
      }
    };
    const scopes = pluginScopes(pluginId, this.#byId);
    const absent = checkUnavailableTools(pluginId, unavailable, {
      underPrefix,
      scopes,
      offered: new Set(tools.map((t) => t.name)),
    });
    const current = this.toolsOf(pluginId);
    if (
      tools.length === current.size &&
      tools.every((t) => current.get(t.name)?.definition === t)
    ) {
      // Unavailable tools are read per call, never listed: no version change, no notification.
      this.#unavailable.set(pluginId, absent);
      return;
    }
    const next = new Map<string, CompiledTool>();
    for (const tool of tools) {
      underPrefix(tool.name);
      if (next.has(tool.name)) {
        throw new ServiceDeskError(
          'TOOL_DUPLICATE_NAME',
          `plugin "${pluginId}" set dynamic tool "${tool.name}" twice in one set; give each tool its own name`,
        );
      }
      const kept = current.get(tool.name);
      next.set(tool.name, kept?.definition === tool ? kept : compileTool(tool, pluginId, scopes));
    }
    this.#checkCollisions(pluginId, next);
    const changed = new Set<string>();
    for (const [name, tool] of next) {
      const before = current.get(name);
      if (before === undefined || !sameListing(before, tool)) changed.add(name);
    }
    for (const name of current.keys()) if (!next.has(name)) changed.add(name);
    this.#sets.set(pluginId, next);
    this.#unavailable.set(pluginId, absent);
    // A new handler behind the same listing is swapped in quietly: clients see nothing new.
    this.#version += 1;
    if (changed.size === 0) return;
    for (const listener of this.#listeners) listener({ pluginId, names: changed });
  }

  /** Refuses a name another tool already has in a collection that lists `pluginId`. */
  #checkCollisions(pluginId: string, tools: ReadonlyMap<string, CompiledTool>): void {
    for (const collection of this.#collections ?? []) {
      if (!collection.plugins.includes(pluginId)) continue;
      for (const name of tools.keys()) {
        const owner =
          collection.plugins.find((id) => this.#staticNames.get(id)?.has(name)) ??
          collection.plugins.find((id) => id !== pluginId && this.toolsOf(id).has(name));
        if (owner === undefined) continue;
        throw new ServiceDeskError(
          'TOOL_DUPLICATE_NAME',
          `plugin "${pluginId}" set dynamic tool "${name}", but collection "${collection.id}" already has a tool ` +
            `of that name from plugin "${owner}"; rename the dynamic tool (or the other tool), or list only one of the plugins`,
        );
      }
    }
  }
}

/** True when clients would see no difference between the two tools' listings and scopes. */
function sameListing(a: CompiledTool, b: CompiledTool): boolean {
  return (
    JSON.stringify(a.listing) === JSON.stringify(b.listing) &&
    a.definition.scopes.join(' ') === b.definition.scopes.join(' ')
  );
}
