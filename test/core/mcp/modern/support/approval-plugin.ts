import { sql } from 'kysely';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type Database,
  type DevToken,
  type TestServer,
} from '../../../../../core/index.js';

type Tables = { approval_writes: { item: string; action: string; reason: string | null } };

/** The rows the plugin wrote for `item`: what "nothing was written" is checked against. */
export async function writesOf(db: Database, item: string): Promise<number> {
  const rows = await db
    .withTables<Tables>()
    .selectFrom('approval_writes')
    .select('item')
    .where('item', '=', item)
    .execute();
  return rows.length;
}

/**
 * A plugin whose tools write a row per call: `act_on_item` (confirmed only when closing) and
 * `write_with_reason` (confirmed always, then asks the person for a reason through `ctx.elicit`,
 * so a modern call takes two rounds of questions).
 */
export const approvalPlugin = definePlugin({
  id: 'approval',
  version: '1.0.0',
  scopes: { 'items:write': 'Change items' },
  migrations: {
    '0001_writes': {
      up: async (db) => {
        await sql`create table approval_writes (item text not null, action text not null, reason text)`.execute(
          db,
        );
      },
    },
  },
  tools: [
    defineTool({
      name: 'act_on_item',
      title: 'Act on an item',
      description: 'Comments on or closes an item.',
      input: z.object({ item: z.string(), action: z.enum(['comment', 'close']) }),
      scopes: ['items:write'],
      handler: async ({ input, db }) => {
        await db
          .withTables<Tables>()
          .insertInto('approval_writes')
          .values({ item: input.item, action: input.action, reason: null })
          .execute();
        return `${input.action} ${input.item}`;
      },
    }),
    defineTool({
      name: 'write_with_reason',
      title: 'Write with a reason',
      description: 'Asks for a reason, then writes it.',
      input: z.object({ item: z.string() }),
      scopes: ['items:write'],
      handler: async ({ input, db, elicit }) => {
        if (!elicit) return 'no way to ask for a reason';
        const answer = await elicit({
          message: 'Why?',
          requestedSchema: {
            type: 'object',
            properties: { reason: { type: 'string', title: 'Reason' } },
            required: ['reason'],
          },
        });
        const reason = answer.action === 'accept' ? String(answer.content?.['reason']) : null;
        await db
          .withTables<Tables>()
          .insertInto('approval_writes')
          .values({ item: input.item, action: 'reason', reason })
          .execute();
        return `reason ${String(reason)}`;
      },
    }),
  ],
});

const confirm = {
  act_on_item: { when: { action: ['close'] } },
  write_with_reason: {},
} as const;

/** The same tools and rules on a stateless and a stateful endpoint. */
export const approvalCollections = [
  defineCollection({
    id: 'desk',
    title: 'Desk',
    plugins: ['approval'],
    grant: ['items:write'],
    confirm,
  }),
  defineCollection({
    id: 'session',
    title: 'Stateful desk',
    plugins: ['approval'],
    grant: ['items:write'],
    session: 'stateful',
    confirm,
  }),
];

export const approvalTokens: readonly DevToken[] = ['ann', 'ben'].map((user) => ({
  token: `${user}-approval-token`,
  name: `${user}-laptop`,
  userId: user,
  role: 'agent',
  scopes: ['items:write'],
  collections: ['desk', 'session'],
}));

/** A server with the approval plugin, its two collections and tokens, on `databaseUrl`. */
export function startApprovalServer(databaseUrl: string): Promise<TestServer> {
  return startTestServer({
    plugins: [approvalPlugin],
    collections: approvalCollections,
    tokens: approvalTokens,
    databaseUrl,
  });
}
