import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { builtInCommandNames } from './define-command.js';
import { assertValidScope } from '../scope/scope.js';
import type { PluginDefinition } from './define-plugin.js';
import { checkDynamicPrefixes } from './dynamic-prefixes.js';
import { claimScopes } from './plugin-scopes.js';

const pluginIdPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** True when `id` is kebab-case (the rule for plugin and collection ids). */
export function isKebabId(id: string): boolean {
  return pluginIdPattern.test(id) && id.length <= 64;
}

/**
 * Checks the plugin list and returns it in dependency order (each plugin after those it
 * requires, and after those of its `optionalRequires` that are configured). Throws on an invalid
 * or duplicate id, a missing dependency, a cycle, a malformed scope or a scope two plugins define.
 */
export function orderPlugins(plugins: readonly PluginDefinition[]): readonly PluginDefinition[] {
  const byId = new Map<string, PluginDefinition>();
  const commandOwners = new Map<string, string>();
  const scopeOwners = new Map<string, string>();
  for (const plugin of plugins) {
    if (!isKebabId(plugin.id)) {
      throw new ServiceDeskError(
        'PLUGIN_INVALID_ID',
        `plugin id "${plugin.id}" must match /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/ ` +
          '(lower-case letters, digits and single dashes, starting with a letter, at most 64 characters)',
      );
    }
    if (plugin.id === 'core') {
      throw new ServiceDeskError(
        'PLUGIN_INVALID_ID',
        'plugin id "core" is reserved for the framework\'s own migrations and audit; choose another id',
      );
    }
    if (byId.has(plugin.id)) {
      throw new ServiceDeskError(
        'PLUGIN_DUPLICATE_ID',
        `plugin "${plugin.id}" is listed twice in plugins; list it once`,
      );
    }
    byId.set(plugin.id, plugin);
    for (const scope of Object.keys(plugin.scopes))
      assertValidScope(scope, `plugin "${plugin.id}"`);
    claimScopes(plugin, scopeOwners);
    checkCommands(plugin, commandOwners);
    checkDynamicPrefixes(plugin);
  }
  for (const plugin of plugins) {
    for (const dependency of plugin.requires) {
      if (!byId.has(dependency)) {
        throw new ServiceDeskError(
          'PLUGIN_MISSING_DEPENDENCY',
          `plugin "${plugin.id}" requires plugin "${dependency}", which is not in the config; add it to plugins`,
        );
      }
    }
  }
  const ordered: PluginDefinition[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (plugin: PluginDefinition, trail: readonly string[]): void => {
    const seen = state.get(plugin.id);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      throw new ServiceDeskError(
        'PLUGIN_DEPENDENCY_CYCLE',
        `plugins require each other in a cycle: ${[...trail, plugin.id].join(' → ')}; break the cycle with a service`,
      );
    }
    state.set(plugin.id, 'visiting');
    for (const dependency of plugin.requires)
      visit(byId.get(dependency) as PluginDefinition, [...trail, plugin.id]);
    // An optional dependency that is configured is set up first, like a required one.
    for (const dependency of plugin.optionalRequires) {
      const present = byId.get(dependency);
      if (present) visit(present, [...trail, plugin.id]);
    }
    state.set(plugin.id, 'done');
    ordered.push(plugin);
  };
  for (const plugin of plugins) visit(plugin, []);
  return Object.freeze(ordered);
}

function checkCommands(plugin: PluginDefinition, owners: Map<string, string>): void {
  for (const command of plugin.commands ?? []) {
    const other = owners.get(command.name);
    if (
      !isKebabId(command.name) ||
      builtInCommandNames.includes(command.name) ||
      other !== undefined
    ) {
      throw new ServiceDeskError(
        'PLUGIN_INVALID_COMMAND',
        `plugin "${plugin.id}" declares command "${command.name}", which ` +
          (other !== undefined
            ? `plugin "${other}" declares too`
            : `must be kebab-case and not one of the built-in commands (${builtInCommandNames.join(', ')})`),
      );
    }
    owners.set(command.name, plugin.id);
  }
}
