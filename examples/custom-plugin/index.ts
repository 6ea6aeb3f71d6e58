import { definePlugin, ServiceDeskError, type PluginDefinition } from '../../core/index.js';
import { seedAssetsCommand } from './demo-assets.js';
import { assetMigrations } from './schema.js';
import { findAssetTool } from './tools/find-asset.js';
import { recordAssetTool } from './tools/record-asset.js';

/** Options of {@link assetLookupPlugin}. */
export interface AssetLookupPluginOptions {
  /** The largest page `find_asset` returns (default 50, at most 200). */
  readonly maxPageSize?: number;
}

/**
 * An asset register beside the service desk: `find_asset` for everyone (end users see their own
 * assets), `record_asset` for agents, its own table and a `seed-assets` command. The example of
 * docs/writing-a-plugin.md.
 *
 * @example
 * defineConfig({ plugins: [deskPlugin(), assetLookupPlugin({ maxPageSize: 25 })], collections: [...] })
 */
export function assetLookupPlugin(options: AssetLookupPluginOptions = {}): PluginDefinition {
  const maxPageSize = options.maxPageSize ?? 50;
  if (!Number.isSafeInteger(maxPageSize) || maxPageSize < 1 || maxPageSize > 200) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `plugin "asset-lookup": maxPageSize is ${String(options.maxPageSize)}, which must be a whole number from 1 to 200`,
    );
  }
  return definePlugin({
    id: 'asset-lookup',
    version: '0.1.0',
    description: 'The IT asset register: who has which laptop, monitor or phone, and where.',
    scopes: {
      'assets:read:own': 'See the IT assets assigned to you',
      'assets:read:all': 'See every IT asset and who has it',
      'assets:write:all': 'Record new IT assets',
    },
    migrations: assetMigrations,
    tools: [findAssetTool({ maxPageSize }), recordAssetTool],
    commands: [seedAssetsCommand],
  });
}
