import type { Generated } from 'kysely';
import type { Migrations } from '../../core/index.js';

/** The kinds of asset the register knows. */
export const assetKinds = ['laptop', 'desktop', 'monitor', 'phone', 'tablet', 'other'] as const;

/** One of {@link assetKinds}. */
export type AssetKind = (typeof assetKinds)[number];

/**
 * The table this plugin owns, as its code sees it. Its name starts with `assets_`, the plugin's
 * own prefix, so it never meets another plugin's tables.
 *
 * @example
 * const assets = db.withTables<AssetTables>().selectFrom('assets_items');
 */
export type AssetTables = {
  assets_items: {
    id: Generated<number>;
    tag: string;
    name: string;
    kind: AssetKind;
    serial: string;
    assigned_to: string | null;
    location: string;
    purchased_on: string;
    warranty_ends_on: string;
    recorded_by: string;
  };
};

/**
 * Creates the asset register. Applied once each, in name order; never edit one that has shipped,
 * add another. Written with Kysely's schema builder, so it runs on SQLite and PostgreSQL.
 *
 * @example
 * definePlugin({ id: 'asset-lookup', version: '0.1.0', migrations: assetMigrations });
 */
export const assetMigrations: Migrations = Object.freeze({
  '0001_create_assets': {
    async up(db, { engine }) {
      await db.schema
        .createTable('assets_items')
        .addColumn('id', engine === 'postgres' ? 'serial' : 'integer', (c) =>
          engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('tag', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('serial', 'text', (c) => c.notNull().unique())
        .addColumn('assigned_to', 'text')
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('purchased_on', 'text', (c) => c.notNull())
        .addColumn('warranty_ends_on', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('assets_items_assigned_to')
        .on('assets_items')
        .column('assigned_to')
        .execute();
    },
  },
});
