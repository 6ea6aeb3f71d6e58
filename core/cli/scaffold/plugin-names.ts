import type { PluginData } from './plugin-data.js';

/** The names a scaffolded plugin's code uses, all derived from its kebab-case id. */
export interface PluginNames {
  /** The plugin id, e.g. `parts-catalogue`. */
  readonly id: string;
  /** The options factory, e.g. `partsCataloguePlugin`. */
  readonly factory: string;
  /** The options type, e.g. `PartsCataloguePluginOptions`. */
  readonly optionsType: string;
  /** The tool's factory, e.g. `partsCataloguePingTool`. */
  readonly toolFactory: string;
  /** The snake_case tool name, e.g. `parts_catalogue_ping` (at most 64 characters). */
  readonly tool: string;
  /** The tool's file name without `.ts`, e.g. `parts-catalogue-ping`. */
  readonly toolFile: string;
  /** Who may read the plugin's data, which decides its scopes. */
  readonly data: PluginData;
  /**
   * The scope its tool needs: `parts-catalogue:read:all` for staff-only data, which the default
   * role policy never lets an end user hold; `parts-catalogue:read` for data everyone may read.
   */
  readonly scope: string;
  /** The scope for the write tools to come, staff-only either way: `parts-catalogue:write:all`. */
  readonly writeScope: string;
  /** A human title, e.g. `Parts catalogue`. */
  readonly title: string;
}

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * Derives every name of a scaffolded plugin from its id (already checked to be kebab-case) and
 * who may read its data (staff by default).
 *
 * @example
 * pluginNames('parts-catalogue').factory; // 'partsCataloguePlugin'
 * pluginNames('parts-catalogue', 'everyone').scope; // 'parts-catalogue:read'
 */
export function pluginNames(id: string, data: PluginData = 'staff'): PluginNames {
  const words = id.split('-');
  const camel = words.map((word, index) => (index === 0 ? word : capitalize(word))).join('');
  const pascal = capitalize(camel);
  // Tool names are at most 64 characters; the longest ids give up the end of their prefix.
  const tool = `${words.join('_').slice(0, 59).replace(/_+$/, '')}_ping`;
  return Object.freeze({
    id,
    factory: `${camel}Plugin`,
    optionsType: `${pascal}PluginOptions`,
    toolFactory: `${camel}PingTool`,
    tool,
    toolFile: tool.replace(/_/g, '-'),
    data,
    scope: data === 'staff' ? `${id}:read:all` : `${id}:read`,
    writeScope: `${id}:write:all`,
    title: capitalize(words.join(' ')),
  });
}
