import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Generated } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type DevToken,
  type PluginDefinition,
} from '../../../core/index.js';
import { testEngines, type TestEngine } from '../../helpers/test-databases.js';

type NoteTables = { harness_notes: { id: Generated<number>; text: string; author: string } };

/** A plugin with its own table, so the harness is exercised down to the database. */
function notesPlugin(): PluginDefinition {
  return definePlugin({
    id: 'notes',
    version: '1.0.0',
    scopes: { 'notes:read': 'Read notes', 'notes:write': 'Write notes' },
    migrations: {
      '0001_create': {
        async up(db, { engine }) {
          await db.schema
            .createTable('harness_notes')
            .addColumn('id', engine === 'postgres' ? 'serial' : 'integer', (c) => c.primaryKey())
            .addColumn('text', 'text', (c) => c.notNull())
            .addColumn('author', 'text', (c) => c.notNull())
            .execute();
        },
      },
    },
    tools: [
      defineTool({
        name: 'add_note',
        title: 'Add a note',
        description: 'Stores a note and returns how many the caller has.',
        input: z.object({ text: z.string() }),
        output: z.object({ count: z.number() }),
        scopes: ['notes:write'],
        handler: async ({ input, db, principal }) => {
          const notes = db.withTables<NoteTables>();
          await notes
            .insertInto('harness_notes')
            .values({ text: input.text, author: principal.userId })
            .execute();
          const row = await notes
            .selectFrom('harness_notes')
            .select((eb) => eb.fn.countAll<number | string>().as('count'))
            .where('author', '=', principal.userId)
            .executeTakeFirstOrThrow();
          return { count: Number(row.count) };
        },
      }),
    ],
  });
}

const collections = [
  defineCollection({ id: 'writer', title: 'Writer', plugins: ['notes'], grant: ['notes:write'] }),
  defineCollection({ id: 'reader', title: 'Reader', plugins: ['notes'], grant: ['notes:read'] }),
  defineCollection({
    id: 'local',
    title: 'Local',
    plugins: ['notes'],
    grant: ['notes:write'],
    auth: 'none',
  }),
];

const harnessTokens: DevToken[] = [
  {
    token: 'first-writer',
    name: 'first',
    userId: 'first',
    role: 'agent',
    scopes: ['notes:write'],
    collections: ['writer'],
  },
  {
    token: 'second-writer',
    name: 'second',
    userId: 'second',
    role: 'agent',
    scopes: ['notes:write'],
    collections: ['writer'],
  },
];

describe('startTestServer', () => {
  it('connects one client per collection that has a token or needs none, then cleans up', async () => {
    const t = await startTestServer({
      plugins: [notesPlugin()],
      collections,
      tokens: harnessTokens,
    });
    expect(Object.keys(t.clients).sort()).toEqual(['local', 'writer']);
    expect(t.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.urlOf('writer')).toBe(`${t.url}/mcp/writer`);
    expect(() => t.urlOf('nowhere')).toThrow(/nowhere/);

    // The default client uses the first token that lists the collection.
    const first = await t.clients['writer']!.callTool({
      name: 'add_note',
      arguments: { text: 'a' },
    });
    expect(first.structuredContent).toEqual({ count: 1 });
    const second = await t.connect('writer', 'second-writer');
    expect(
      (await second.callTool({ name: 'add_note', arguments: { text: 'b' } })).structuredContent,
    ).toEqual({ count: 1 });
    await expect(t.connect('writer')).rejects.toThrow();

    const database = t.server.settings.storage;
    expect(database.engine).toBe('sqlite');
    expect(existsSync(database.url)).toBe(true);
    await t.close();
    expect(existsSync(dirname(database.url))).toBe(false);
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
  });

  it('leaves a database it did not create in place', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'harness-own-db-'));
    try {
      const databaseUrl = join(folder, 'mine.db');
      const t = await startTestServer({
        plugins: [notesPlugin()],
        collections,
        tokens: harnessTokens,
        databaseUrl,
      });
      await t.clients['local']!.callTool({ name: 'add_note', arguments: { text: 'kept' } });
      await t.close();
      expect(existsSync(databaseUrl)).toBe(true);

      // A second server on the same file sees the row: migrations ran once, data persisted.
      const again = await startTestServer({
        plugins: [notesPlugin()],
        collections,
        databaseUrl,
      });
      const result = await again.clients['local']!.callTool({
        name: 'add_note',
        arguments: { text: 'again' },
      });
      expect(result.structuredContent).toEqual({ count: 2 });
      await again.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  describe('on PostgreSQL', () => {
    const adminUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `sdm_test_${randomBytes(6).toString('hex')}`;
    let databaseUrl: string;

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      databaseUrl = url.toString();
    });
    afterAll(async () => {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });

    it('serves the same tools from a postgres:// database', async () => {
      const t = await startTestServer({
        plugins: [notesPlugin()],
        collections,
        tokens: harnessTokens,
        databaseUrl,
      });
      expect(t.server.settings.storage.engine).toBe('postgres');
      const client = t.clients['writer']!;
      await client.callTool({ name: 'add_note', arguments: { text: 'one' } });
      const result = await client.callTool({ name: 'add_note', arguments: { text: 'two' } });
      expect(result.structuredContent).toEqual({ count: 2 });
      await t.close();
    });
  });
});

describe('startTestServer with an engine', () => {
  /** `engine`, recording what it creates and drops. */
  function recorded(engine: TestEngine) {
    const log: string[] = [];
    return {
      log,
      source: {
        async createDatabase() {
          const database = await engine.createDatabase();
          log.push('created');
          return {
            url: database.url,
            drop: async () => {
              log.push('dropped');
              await database.drop();
            },
          };
        },
      },
    };
  }

  it.each(testEngines)(
    'serves from a fresh $engine database and drops it on close',
    async (engine) => {
      const { log, source } = recorded(engine);
      const t = await startTestServer({
        plugins: [notesPlugin()],
        collections,
        tokens: harnessTokens,
        engine: source,
      });
      expect(t.server.settings.storage.engine).toBe(engine.engine);
      const added = await t.clients['writer']!.callTool({
        name: 'add_note',
        arguments: { text: 'a' },
      });
      expect(added.structuredContent).toEqual({ count: 1 });
      expect(log).toEqual(['created']);
      await t.close();
      expect(log).toEqual(['created', 'dropped']);
    },
  );

  it('drops the database when the server cannot start', async () => {
    const { log, source } = recorded(testEngines[0]!);
    await expect(
      startTestServer({
        plugins: [notesPlugin()],
        collections: [
          defineCollection({ id: 'odd', title: 'Odd', plugins: ['missing'], grant: [] }),
        ],
        engine: source,
      }),
    ).rejects.toThrow(/missing/);
    expect(log).toEqual(['created', 'dropped']);
  });

  it('takes an engine or a databaseUrl, not both', async () => {
    await expect(
      startTestServer({
        plugins: [notesPlugin()],
        collections,
        databaseUrl: 'unused.db',
        engine: testEngines[0]!,
      }),
    ).rejects.toThrow('startTestServer takes engine or databaseUrl, not both');
  });
});
