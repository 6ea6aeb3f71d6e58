import type { z } from 'zod';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { PluginDefinition } from '../plugin/define-plugin.js';
import { describeIssues } from '../tool/validation-message.js';
import type { CollectionDefinition } from './define-collection.js';

/**
 * What each collection listing `plugin` gives it in `settings`, parsed with the plugin's
 * `collectionSettings` schema; a collection that gives nothing is parsed as `{}`, so the schema's
 * defaults apply. Throws COLLECTION_SETTINGS_INVALID naming the collection, the plugin and the
 * field.
 */
function parsedSettings(
  plugin: PluginDefinition,
  collections: readonly CollectionDefinition[],
  schema: z.ZodType,
): Map<string, unknown> {
  const parsed = new Map<string, unknown>();
  for (const collection of collections) {
    if (!collection.plugins.includes(plugin.id)) continue;
    const result = schema.safeParse(collection.settings?.[plugin.id] ?? {});
    if (!result.success) {
      throw new ServiceDeskError(
        'COLLECTION_SETTINGS_INVALID',
        // The settings object itself is the "(arguments)" of a tool's message.
        `collection "${collection.id}" settings.${plugin.id}: ${describeIssues(result.error).replaceAll('(arguments): ', '')}`,
      );
    }
    parsed.set(collection.id, result.data);
  }
  return parsed;
}

/** Each plugin's parsed settings by collection id, for the plugins that take settings. */
export type PluginCollectionSettings = ReadonlyMap<string, ReadonlyMap<string, unknown>>;

/**
 * Checks every collection's `settings` before anything starts: each key names a plugin the
 * collection lists and that declares `collectionSettings`, and each value passes that schema.
 * Plugins that declare a schema are checked for collections that give them nothing too, so a
 * required setting is reported at startup, not at the first call. Returns the parsed values,
 * which setup hands to each plugin (`ctx.collectionSettings`).
 *
 * @example
 * const settings = checkCollectionSettings(config.collections, orderedPlugins);
 * settings.get('tickets')?.get('user') // { defaultType: 'incident' }
 */
export function checkCollectionSettings(
  collections: readonly CollectionDefinition[],
  plugins: readonly PluginDefinition[],
): PluginCollectionSettings {
  const byId = new Map(plugins.map((plugin) => [plugin.id, plugin]));
  for (const collection of collections) {
    for (const pluginId of Object.keys(collection.settings ?? {})) {
      const plugin = byId.get(pluginId);
      if (plugin === undefined || !collection.plugins.includes(pluginId)) {
        throw new ServiceDeskError(
          'COLLECTION_SETTINGS_INVALID',
          `collection "${collection.id}" has settings for plugin "${pluginId}", which it does not list; ` +
            `list the plugin in its plugins (${collection.plugins.join(', ') || 'none'}) or remove the settings`,
        );
      }
      if (plugin.collectionSettings === undefined) {
        throw new ServiceDeskError(
          'COLLECTION_SETTINGS_INVALID',
          `collection "${collection.id}" has settings for plugin "${pluginId}", which takes none per collection; ` +
            "remove them, or give them as the plugin's own options",
        );
      }
    }
  }
  const parsed = new Map<string, ReadonlyMap<string, unknown>>();
  for (const plugin of plugins) {
    if (plugin.collectionSettings !== undefined)
      parsed.set(plugin.id, parsedSettings(plugin, collections, plugin.collectionSettings));
  }
  return parsed;
}
