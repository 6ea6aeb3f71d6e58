import type { Insertable } from 'kysely';
import { defineCommand, type Database, type PluginCommand } from '../../core/index.js';
import type { AssetTables } from './schema.js';

type NewAsset = Omit<Insertable<AssetTables['assets_items']>, 'recorded_by'>;

/** A few assets for trying the plugin; alice@example.com is an end user of the demo desk. */
export const demoAssets: readonly NewAsset[] = Object.freeze([
  {
    tag: 'AST-00001',
    name: 'Lenovo ThinkPad T14 Gen 4',
    kind: 'laptop',
    serial: 'PF4TK2Q1',
    assigned_to: 'alice@example.com',
    location: 'London, 2nd floor',
    purchased_on: '2024-03-11',
    warranty_ends_on: '2027-03-10',
  },
  {
    tag: 'AST-00002',
    name: 'Dell UltraSharp U2723QE',
    kind: 'monitor',
    serial: 'CN0D2XK7',
    assigned_to: 'alice@example.com',
    location: 'London, 2nd floor',
    purchased_on: '2024-03-11',
    warranty_ends_on: '2027-03-10',
  },
  {
    tag: 'AST-00003',
    name: 'Apple iPhone 15',
    kind: 'phone',
    serial: 'F2LX93KQ0D',
    assigned_to: 'sam@helpdesk.example',
    location: 'Manchester, service desk',
    purchased_on: '2023-10-02',
    warranty_ends_on: '2024-10-01',
  },
  {
    tag: 'AST-00004',
    name: 'Lenovo ThinkPad T14 Gen 4',
    kind: 'laptop',
    serial: 'PF4TK2Q9',
    assigned_to: null,
    location: 'Manchester, IT store room',
    purchased_on: '2024-06-20',
    warranty_ends_on: '2027-06-19',
  },
]);

/**
 * Adds the demo assets whose tags are not recorded yet; returns how many it added.
 *
 * @example
 * const added = await seedDemoAssets(db);
 */
export async function seedDemoAssets(db: Database): Promise<number> {
  const assets = db.withTables<AssetTables>();
  const present = new Set(
    (
      await assets
        .selectFrom('assets_items')
        .select('tag')
        .where(
          'tag',
          'in',
          demoAssets.map((asset) => asset.tag),
        )
        .execute()
    ).map((row) => row.tag),
  );
  const missing = demoAssets.filter((asset) => !present.has(asset.tag));
  if (missing.length === 0) return 0;
  await assets
    .insertInto('assets_items')
    .values(missing.map((asset) => ({ ...asset, recorded_by: 'seed-assets' })))
    .execute();
  return missing.length;
}

/**
 * `servicedesk-mcp seed-assets`: loads the demo assets; running it again adds nothing.
 *
 * @example
 * definePlugin({ id: 'asset-lookup', version: '0.1.0', commands: [seedAssetsCommand] });
 */
export const seedAssetsCommand: PluginCommand = defineCommand({
  name: 'seed-assets',
  description: 'Add the demo assets to the asset register (existing tags are left alone)',
  run: async ({ db, out }) => {
    const added = await seedDemoAssets(db);
    out(`asset-lookup: ${added} demo asset(s) added, ${demoAssets.length - added} already there`);
    return 0;
  },
});
