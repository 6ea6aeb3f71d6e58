// Run by bundle.test.ts with plain Node next to a bundle written by scripts/bundle.mjs --out: a
// plugin built with node_modules' zod and kysely (the copies a plugin author imports) served by
// the bundled core, which carries its own Kysely (zod is shared; it checks that this stays true
// if zod were bundled too). Prints what the client saw as one JSON line.
import { sql } from 'kysely';
import { z } from 'zod';
import { defineCollection, definePlugin, defineTool, startTestServer } from './dist/core/index.js';

const echoTool = defineTool({
  name: 'echo_sum',
  title: 'Echo a sum',
  description: 'Adds one to a number in SQL and echoes a label.',
  input: z.object({
    n: z.number().int().min(1).describe('A positive whole number, e.g. 4'),
    label: z.string().max(5).describe('A short label'),
  }),
  output: z.object({ n: z.number(), plusOne: z.number(), rows: z.number(), label: z.string() }),
  scopes: ['cross:read'],
  handler: async ({ input, db }) => {
    const raw = await sql`select ${input.n} + 1 as plus_one`.execute(db);
    const table = db.withTables({});
    const counted = await table
      .selectFrom('cross_copy')
      .select(sql`count(*)`.as('rows'))
      .executeTakeFirstOrThrow();
    return {
      n: input.n,
      plusOne: Number(raw.rows[0].plus_one),
      rows: Number(counted.rows),
      label: input.label,
    };
  },
});

const brokenTool = defineTool({
  name: 'broken_output',
  title: 'Broken output',
  description: 'Returns what its output schema forbids.',
  input: z.object({}),
  output: z.object({ count: z.number() }),
  scopes: ['cross:read'],
  handler: () => ({ count: 'many' }),
});

const plugin = definePlugin({
  id: 'cross',
  version: '0.1.0',
  description: 'A plugin built from the zod and kysely copies in node_modules.',
  scopes: { 'cross:read': 'Read' },
  migrations: {
    '0001_create': {
      async up(db) {
        await db.schema.createTable('cross_copy').addColumn('id', 'integer').execute();
        await sql`insert into cross_copy (id) values (${1}), (${2})`.execute(db);
      },
    },
  },
  tools: [echoTool, brokenTool],
});

const t = await startTestServer({
  plugins: [plugin],
  collections: [
    defineCollection({ id: 'cross', title: 'Cross', plugins: ['cross'], grant: ['cross:read'] }),
  ],
  tokens: [
    {
      token: 'cross-token',
      name: 'cross',
      userId: 'sam@helpdesk.example',
      role: 'agent',
      scopes: ['cross:read'],
      collections: ['cross'],
    },
  ],
});
try {
  const client = await t.connect('cross', 'cross-token');
  const { tools } = await client.listTools();
  const text = (result) => result.content.map((block) => block.text ?? '').join('\n');
  const ok = await client.callTool({ name: 'echo_sum', arguments: { n: 4, label: 'four' } });
  const bad = await client.callTool({ name: 'echo_sum', arguments: { n: 0, label: 'too long' } });
  const broken = await client.callTool({ name: 'broken_output', arguments: {} });
  const report = {
    inputSchema: tools.find((tool) => tool.name === 'echo_sum')?.inputSchema,
    outputSchema: tools.find((tool) => tool.name === 'echo_sum')?.outputSchema,
    ok: { isError: ok.isError === true, structured: ok.structuredContent },
    bad: { isError: bad.isError === true, text: text(bad) },
    broken: { isError: broken.isError === true, text: text(broken) },
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
} finally {
  await t.close();
}
