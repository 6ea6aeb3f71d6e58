import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { PluginDefinition } from './define-plugin.js';

/**
 * The scopes one plugin may put on its tools, resources and prompts — its own and those of every
 * plugin it requires, transitively — and, for any other scope, what to do about it.
 *
 * @example
 * const scopes = pluginScopes('noc', byId);
 * if (!scopes.has('tickets:write:all')) throw new Error(`needs it, ${scopes.missing('tickets:write:all')}`);
 */
export interface PluginScopes {
  readonly pluginId: string;
  /** Every scope the plugin may use. */
  readonly visible: ReadonlySet<string>;
  has(scope: string): boolean;
  /**
   * Why the plugin may not use `scope` and how to fix it, as a clause to follow "which": the
   * plugin that defines it and the `requires` to add, or that no plugin in the config defines it.
   */
  missing(scope: string): string;
}

/**
 * The scopes a plugin may use in its tools: its own and those of every plugin it requires,
 * transitively (not those of its `optionalRequires`, which may be absent).
 *
 * @example
 * scopesVisibleTo('tickets', byId).has('tickets:read:own') // true when tickets requires desk
 */
export function scopesVisibleTo(
  pluginId: string,
  byId: ReadonlyMap<string, PluginDefinition>,
): ReadonlySet<string> {
  const result = new Set<string>();
  const stack = [pluginId];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const plugin = byId.get(id);
    if (!plugin) continue;
    for (const scope of Object.keys(plugin.scopes)) result.add(scope);
    stack.push(...plugin.requires);
  }
  return result;
}

/**
 * The configured plugin that defines `scope` (at most one: startup refuses a scope defined twice).
 *
 * @example
 * scopeOwner('kb:read', byId)?.id // 'desk'
 */
export function scopeOwner(
  scope: string,
  byId: ReadonlyMap<string, PluginDefinition>,
): PluginDefinition | undefined {
  for (const plugin of byId.values()) if (Object.hasOwn(plugin.scopes, scope)) return plugin;
  return undefined;
}

/**
 * {@link PluginScopes} of plugin `pluginId` among the configured plugins `byId`.
 *
 * @example
 * compileTool(tool, plugin.id, pluginScopes(plugin.id, byId));
 */
export function pluginScopes(
  pluginId: string,
  byId: ReadonlyMap<string, PluginDefinition>,
): PluginScopes {
  const visible = scopesVisibleTo(pluginId, byId);
  return Object.freeze({
    pluginId,
    visible,
    has: (scope: string) => visible.has(scope),
    missing: (scope: string): string => {
      const owner = scopeOwner(scope, byId);
      if (owner === undefined) {
        return (
          'no plugin in the config defines; fix the spelling, or declare it in the plugin\'s "scopes" ' +
          "(or list the plugin that defines it in the config and in this plugin's requires)"
        );
      }
      const optional = byId.get(pluginId)?.optionalRequires.includes(owner.id) === true;
      return (
        `is defined by plugin "${owner.id}", which plugin "${pluginId}" does not require; ` +
        (optional
          ? `move "${owner.id}" from plugin "${pluginId}"'s optionalRequires to its requires`
          : `add "${owner.id}" to plugin "${pluginId}"'s requires`) +
        ' (a plugin uses the scopes of the plugins it requires; it does not declare them again)'
      );
    },
  });
}

/**
 * Records the scopes `plugin` defines in `owners` (scope → plugin id), refusing with
 * SCOPE_DEFINED_TWICE a scope another plugin already defines: each scope has one owner, whose
 * description the consent page shows.
 *
 * @example
 * const owners = new Map<string, string>();
 * for (const plugin of plugins) claimScopes(plugin, owners);
 */
export function claimScopes(plugin: PluginDefinition, owners: Map<string, string>): void {
  for (const scope of Object.keys(plugin.scopes)) {
    const other = owners.get(scope);
    if (other !== undefined) {
      throw new ServiceDeskError(
        'SCOPE_DEFINED_TWICE',
        `scope "${scope}" is defined by plugin "${other}" and by plugin "${plugin.id}"; a scope has one ` +
          `owner: remove it from the "scopes" of one of them, and have that plugin list the other in its requires to use it`,
      );
    }
    owners.set(scope, plugin.id);
  }
}
