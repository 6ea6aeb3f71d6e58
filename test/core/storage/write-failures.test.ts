import { sql, type Generated } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type Database,
  type TestServer,
} from '../../../core/index.js';
import { call } from '../../helpers/call-tool.js';

type Tables = { filler: { id: Generated<number>; body: string } };

/**
 * A tool that writes a large row in a transaction of two statements, like a ticket and its
 * history; the probe keeps the database handle so the test can make the "disk" full.
 */
function fillerPlugin(probe: { db?: Database }) {
  return definePlugin({
    id: 'filler',
    version: '1.0.0',
    scopes: { 'filler:write': 'write filler rows' },
    migrations: {
      '0001': {
        up: async (db) => {
          await sql`create table filler (id integer primary key, body text not null)`.execute(db);
        },
      },
    },
    setup: (ctx) => {
      probe.db = ctx.db;
      ctx.addTool(
        defineTool({
          name: 'write_filler',
          title: 'Write filler',
          description: 'Writes two large rows in one transaction.',
          input: z.object({ kib: z.number().int().min(1).max(4096) }),
          scopes: ['filler:write'],
          handler: async ({ input, db }) => {
            const body = 'x'.repeat(input.kib * 1024);
            await db
              .withTables<Tables>()
              .transaction()
              .execute(async (trx) => {
                await trx.insertInto('filler').values({ body }).execute();
                await trx.insertInto('filler').values({ body }).execute();
              });
            return 'written';
          },
        }),
      );
    },
  });
}

interface Readiness {
  readonly status: number;
  readonly body: { checks: Record<string, { ok: boolean; detail?: string }> };
}

async function readiness(t: TestServer): Promise<Readiness> {
  const response = await fetch(`${t.url}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness['body'] };
}

describe('a SQLite database that cannot grow (a full disk)', () => {
  const probe: { db?: Database } = {};
  const lines: string[] = [];
  let t: TestServer;
  beforeEach(async () => {
    lines.length = 0;
    t = await startTestServer({
      plugins: [fillerPlugin(probe)],
      collections: [
        defineCollection({
          id: 'desk',
          title: 'Desk',
          plugins: ['filler'],
          grant: ['filler:write'],
        }),
      ],
      tokens: [
        {
          token: 'writer',
          name: 'test',
          userId: 'w@example.com',
          role: 'agent',
          scopes: ['filler:write'],
          collections: ['desk'],
        },
      ],
      config: { log: { level: 'info', sink: (line) => lines.push(line) } },
    });
  });
  afterEach(() => t.close());

  it('says the database cannot store changes, reports it in readiness, and writes again once it can', async () => {
    const client = t.clients['desk']!;
    expect((await call(client, 'write_filler', { kib: 1 })).text).toBe('written');
    // The file may not grow past its current pages, as when the disk is full.
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(probe.db!);
    await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(probe.db!);

    const failed = await call(client, 'write_filler', { kib: 256 });
    expect(failed.isError).toBe(true);
    expect(failed.text).toBe(
      'The desk database cannot store changes right now (the database or its disk is full); nothing was saved. Ask an administrator.',
    );
    const down = await readiness(t);
    expect(down.status).toBe(503);
    expect(down.body.checks['database']).toMatchObject({ ok: false });
    expect(down.body.checks['database']?.detail).toMatch(
      /^writes failing since \S+: the database or its disk is full$/,
    );
    // The cause is logged, not the rollback that SQLite had already done itself.
    expect(lines.join('\n')).not.toMatch(/cannot rollback/);
    expect(lines.join('\n')).toMatch(/the database or its disk is full/);

    await sql`pragma max_page_count = 1073741823`.execute(probe.db!);
    expect((await call(client, 'write_filler', { kib: 1 })).text).toBe('written');
    const rowsAfter = await probe
      .db!.withTables<Tables>()
      .selectFrom('filler')
      .select('id')
      .execute();
    // Two rows from each successful call; the failed call left none.
    expect(rowsAfter).toHaveLength(4);
  });
});
