import { sql } from 'kysely';
import { z } from 'zod';
import { defineTool } from '../../../core/index.js';
import { assetOutput, summarizeAsset, toAsset } from '../asset.js';
import type { AssetTables } from '../schema.js';

/** `%`, `_` and `\` match literally in the free-text search. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `find_asset`: assets by tag, serial, assigned user or free text, a page at a time. Callers
 * holding only `assets:read:own` see just the assets assigned to their own e-mail address.
 *
 * @example
 * assetLookupPlugin({ maxPageSize: 50 }); // builds findAssetTool({ maxPageSize: 50 })
 */
export function findAssetTool(options: { maxPageSize: number }) {
  return defineTool({
    name: 'find_asset',
    title: 'Find an asset',
    description:
      'Looks up IT assets (laptops, monitors, phones…) in the asset register by tag, serial ' +
      'number, assigned user or free text, and returns who has each one, where, and until when ' +
      'it is under warranty. Results come a page at a time: pass nextOffset back as offset.',
    input: z.object({
      tag: z
        .string()
        .regex(/^AST-\d{5}$/)
        .optional()
        .describe('The exact asset tag, e.g. "AST-00042"'),
      serial: z.string().min(1).max(64).optional().describe('The exact serial number'),
      assignedTo: z.email().optional().describe('The e-mail address of the user who has it'),
      text: z
        .string()
        .min(2)
        .max(100)
        .optional()
        .describe('Words found in the name, tag, serial or location, e.g. "thinkpad"'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(options.maxPageSize)
        .default(10)
        .describe(`How many to return, 1–${options.maxPageSize}`),
      offset: z.number().int().min(0).default(0).describe('How many to skip (from nextOffset)'),
    }),
    output: z.object({
      assets: z.array(assetOutput),
      nextOffset: z.number().int().nullable(),
    }),
    scopes: ['assets:read:own'],
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    summarize: (page) =>
      [
        ...page.assets.map(summarizeAsset),
        page.assets.length === 0 ? 'No asset matches.' : '',
        page.nextOffset === null ? '' : `More: call find_asset with offset ${page.nextOffset}.`,
      ]
        .filter(Boolean)
        .join('\n'),
    handler: async ({ input, db, principal }) => {
      let query = db.withTables<AssetTables>().selectFrom('assets_items').selectAll();
      if (!principal.scopes.has('assets:read:all')) {
        // Without the wider scope a caller sees only what is assigned to them.
        query = query.where('assigned_to', '=', principal.email ?? '');
      }
      if (input.tag !== undefined) query = query.where('tag', '=', input.tag);
      if (input.serial !== undefined) query = query.where('serial', '=', input.serial);
      if (input.assignedTo !== undefined)
        query = query.where('assigned_to', '=', input.assignedTo.toLowerCase());
      if (input.text !== undefined) {
        const pattern = containsPattern(input.text);
        query = query.where((eb) =>
          eb.or(
            (['name', 'tag', 'serial', 'location'] as const).map(
              (column) => sql<boolean>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`,
            ),
          ),
        );
      }
      // One row more than asked tells whether another page exists.
      const rows = await query
        .orderBy('tag')
        .limit(input.limit + 1)
        .offset(input.offset)
        .execute();
      const more = rows.length > input.limit;
      return {
        assets: rows.slice(0, input.limit).map(toAsset),
        nextOffset: more ? input.offset + input.limit : null,
      };
    },
  });
}
