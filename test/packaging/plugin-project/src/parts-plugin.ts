import { z } from 'zod';
import { definePlugin, defineTool, ToolError, type PluginDefinition } from 'servicedesk-mcp';

/** The table this plugin owns. */
type PartTables = { parts_stock: { sku: string; name: string; stock: number } };

const part = z.object({ sku: z.string(), name: z.string(), stock: z.number().int() });

/**
 * A plugin written in a project of its own, against the package name only: a table of spare
 * parts, `stock_part` to record one (agents) and `get_part` to read one (anyone).
 *
 * @example
 * defineConfig({ plugins: [partsPlugin()], collections: [...] })
 */
export function partsPlugin(): PluginDefinition {
  return definePlugin({
    id: 'parts',
    version: '0.1.0',
    scopes: {
      'parts:read': 'See spare parts and their stock',
      'parts:write:all': 'Record spare parts and their stock',
    },
    migrations: {
      '0001_create_parts_stock': {
        async up(db) {
          await db.schema
            .createTable('parts_stock')
            .addColumn('sku', 'text', (c) => c.primaryKey())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('stock', 'integer', (c) => c.notNull())
            .execute();
        },
      },
    },
    tools: [
      defineTool({
        name: 'stock_part',
        title: 'Record a spare part',
        description: 'Records a spare part and how many are in stock, replacing what was there.',
        input: z.object({
          sku: z
            .string()
            .regex(/^[A-Z]{3}-\d{2}$/)
            .describe('The part number, e.g. CAB-01'),
          name: z.string().min(1).describe('What the part is, e.g. "USB-C cable"'),
          stock: z.number().int().min(0).describe('How many are in stock'),
        }),
        output: part,
        scopes: ['parts:write:all'],
        annotations: { idempotentHint: true },
        handler: async ({ input, db }) => {
          const parts = db.withTables<PartTables>();
          await parts.deleteFrom('parts_stock').where('sku', '=', input.sku).execute();
          await parts.insertInto('parts_stock').values(input).execute();
          return input;
        },
      }),
      defineTool({
        name: 'get_part',
        title: 'Get a spare part',
        description: 'Returns a spare part and how many are in stock.',
        input: z.object({ sku: z.string().describe('The part number, e.g. CAB-01') }),
        output: part,
        scopes: ['parts:read'],
        annotations: { readOnlyHint: true },
        handler: async ({ input, db }) => {
          const found = await db
            .withTables<PartTables>()
            .selectFrom('parts_stock')
            .selectAll()
            .where('sku', '=', input.sku)
            .executeTakeFirst();
          if (!found) throw new ToolError(`no part ${input.sku}; record it with stock_part first`);
          return found;
        },
      }),
    ],
  });
}
