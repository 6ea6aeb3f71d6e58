import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { PluginDefinition } from './define-plugin.js';

const prefixPattern = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * Refuses a plugin whose `dynamicTools` prefixes are not valid tool-name beginnings.
 *
 * @example
 * checkDynamicPrefixes(definePlugin({ id: 'm', version: '1', dynamicTools: { prefixes: ['m_'] } }));
 */
export function checkDynamicPrefixes(plugin: PluginDefinition): void {
  const prefixes = plugin.dynamicTools?.prefixes;
  if (prefixes === undefined) return;
  if (prefixes.length === 0) {
    throw new ServiceDeskError(
      'TOOL_INVALID_NAME',
      `plugin "${plugin.id}" declares dynamicTools without prefixes; name at least one, e.g. ['${plugin.id.replace(/-/g, '_')}_']`,
    );
  }
  for (const prefix of prefixes) {
    if (!prefixPattern.test(prefix)) {
      throw new ServiceDeskError(
        'TOOL_INVALID_NAME',
        `plugin "${plugin.id}" declares dynamic tool prefix "${prefix}", which must match /^[A-Za-z0-9_-]{1,40}$/ ` +
          '(letters, digits, _ and -, at most 40 characters) so the tools under it have valid names',
      );
    }
  }
}

/**
 * The plugin among `pluginIds` whose dynamic prefixes `name` starts with, if any.
 *
 * @example
 * dynamicOwnerOf('monitor_ping', collection.plugins, byId); // 'monitor' when it declares 'monitor_'
 */
export function dynamicOwnerOf(
  name: string,
  pluginIds: readonly string[],
  byId: ReadonlyMap<string, PluginDefinition>,
): string | undefined {
  return pluginIds.find(
    (id) => byId.get(id)?.dynamicTools?.prefixes.some((prefix) => name.startsWith(prefix)) ?? false,
  );
}
