import type { Selectable } from 'kysely';
import { z } from 'zod';
import { assetKinds, type AssetTables } from './schema.js';

/**
 * One asset as the tools return it: camelCase fields, dates as `YYYY-MM-DD` strings.
 *
 * @example
 * defineTool({ ..., output: z.object({ assets: z.array(assetOutput) }) });
 */
export const assetOutput = z.object({
  tag: z.string(),
  name: z.string(),
  kind: z.enum(assetKinds),
  serial: z.string(),
  assignedTo: z.string().nullable(),
  location: z.string(),
  purchasedOn: z.string(),
  warrantyEndsOn: z.string(),
});

/** An asset as the tools return it. */
export type Asset = z.infer<typeof assetOutput>;

/** A row of `assets_items` as read. */
export type AssetRow = Selectable<AssetTables['assets_items']>;

/**
 * Turns a stored row into the shape the tools return.
 *
 * @example
 * const asset = toAsset(await query.executeTakeFirstOrThrow());
 */
export function toAsset(row: AssetRow): Asset {
  return {
    tag: row.tag,
    name: row.name,
    kind: row.kind,
    serial: row.serial,
    assignedTo: row.assigned_to,
    location: row.location,
    purchasedOn: row.purchased_on,
    warrantyEndsOn: row.warranty_ends_on,
  };
}

/**
 * One line per asset, for the text content a model reads.
 *
 * @example
 * summarizeAsset(asset); // 'AST-00001 ThinkPad T14 (laptop, serial PF3A1B2C) — alice@example.com, London'
 */
export function summarizeAsset(asset: Asset): string {
  const holder = asset.assignedTo ?? 'unassigned';
  return `${asset.tag} ${asset.name} (${asset.kind}, serial ${asset.serial}) — ${holder}, ${asset.location}, warranty to ${asset.warrantyEndsOn}`;
}
