import { z } from 'zod';
import { defineTool, ToolError } from '../../../core/index.js';
import { assetOutput, summarizeAsset, toAsset } from '../asset.js';
import { assetKinds, type AssetTables } from '../schema.js';

/** Today as `YYYY-MM-DD` (UTC), the latest purchase date accepted. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * `record_asset`: adds a new asset to the register (agents). The tag and the serial must be new;
 * the warranty cannot end before the purchase.
 *
 * @example
 * definePlugin({ id: 'asset-lookup', version: '0.1.0', tools: [recordAssetTool] });
 */
export const recordAssetTool = defineTool({
  name: 'record_asset',
  title: 'Record a new asset',
  description:
    'Adds a new IT asset to the asset register, optionally assigned to a user by e-mail. ' +
    'Fails if the tag or serial number is already recorded: look it up with find_asset first.',
  input: z.object({
    tag: z
      .string()
      .regex(/^AST-\d{5}$/)
      .describe('A new asset tag: "AST-" and five digits, e.g. "AST-00107"'),
    name: z.string().trim().min(2).max(120).describe('Make and model, e.g. "Dell Latitude 7440"'),
    kind: z.enum(assetKinds).describe('What sort of asset it is'),
    serial: z.string().trim().min(3).max(64).describe("The manufacturer's serial number"),
    assignedTo: z
      .email()
      .nullable()
      .default(null)
      .describe('The e-mail address of the user who has it; null when in stock'),
    location: z.string().trim().min(2).max(120).describe('Where it is, e.g. "London, 3rd floor"'),
    purchasedOn: z.iso.date().describe('Purchase date, YYYY-MM-DD'),
    warrantyEndsOn: z.iso.date().describe('Last day of the warranty, YYYY-MM-DD'),
  }),
  output: assetOutput,
  scopes: ['assets:write:all'],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  },
  summarize: (asset) => `Recorded ${summarizeAsset(asset)}`,
  handler: async ({ input, db, principal }) => {
    if (input.purchasedOn > today()) {
      throw new ToolError(`purchasedOn ${input.purchasedOn} is in the future; give the real date`);
    }
    if (input.warrantyEndsOn < input.purchasedOn) {
      throw new ToolError(
        `warrantyEndsOn ${input.warrantyEndsOn} is before purchasedOn ${input.purchasedOn}; check both dates`,
      );
    }
    const assets = db.withTables<AssetTables>();
    const clash = await assets
      .selectFrom('assets_items')
      .select(['tag', 'serial'])
      .where((eb) => eb.or([eb('tag', '=', input.tag), eb('serial', '=', input.serial)]))
      .executeTakeFirst();
    if (clash) {
      const field = clash.tag === input.tag ? `tag ${input.tag}` : `serial ${input.serial}`;
      throw new ToolError(
        `${field} is already recorded (asset ${clash.tag}); call find_asset to see it, or use a new tag`,
      );
    }
    const row = await assets
      .insertInto('assets_items')
      .values({
        tag: input.tag,
        name: input.name,
        kind: input.kind,
        serial: input.serial,
        assigned_to: input.assignedTo?.toLowerCase() ?? null,
        location: input.location,
        purchased_on: input.purchasedOn,
        warranty_ends_on: input.warrantyEndsOn,
        recorded_by: principal.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAsset(row);
  },
});
