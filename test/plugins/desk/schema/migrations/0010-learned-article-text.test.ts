import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, storageFromUrl } from '../../../../../core/storage/database.js';
import { runMigrations } from '../../../../../core/storage/migrator.js';
import { deskMigrations } from '../../../../../plugins/desk/schema/migrations/index.js';
import type { DeskTables } from '../../../../../plugins/desk/schema/tables.js';
import { createDeskStore } from '../../../../../plugins/desk/store/desk-store.js';
import { testEngines } from '../../../../helpers/test-databases.js';
import {
  insertArticle,
  insertSearchPeople,
  insertTicket,
  principalFor,
} from '../../search/search-fixture.js';

const before = Object.fromEntries(Object.entries(deskMigrations).filter(([name]) => name < '0010'));

describe.each(testEngines)('migration 0010 (learned article text) on $engine', (testEngine) => {
  let close: () => Promise<void>;
  let db: Kysely<DeskTables>;
  let engine: 'sqlite' | 'postgres';
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const fresh = await testEngine.createDatabase();
    const storage = storageFromUrl(fresh.url);
    const database = await openDatabase(storage);
    close = async () => {
      await database.destroy();
      await fresh.drop();
    };
    engine = storage.engine;
    await runMigrations(database, [{ owner: 'desk', migrations: before }], engine);
    db = database.withTables<DeskTables>();
    // A desk with history from before 0010: one resolved ticket whose public note names the
    // article, one open ticket that names it too, and a private note that does not count.
    const people = await insertSearchPeople(db);
    ids['article'] = await insertArticle(db, {
      slug: 'vpn-keeps-dropping',
      title: 'VPN keeps dropping',
      body: 'Switch the client to TCP.',
    });
    const ticket = (summary: string, status: 'resolved' | 'open') =>
      insertTicket(db, {
        summary,
        requesterId: people.alice,
        organisationId: people.acorn,
        typeId: people.incident,
        status,
      });
    ids['resolved'] = await ticket('Tunnel disconnects every hour', 'resolved');
    ids['open'] = await ticket('Tunnel slow this morning', 'open');
    ids['private'] = await ticket('Remote desktop freezes', 'resolved');
    const note = (ticketId: number, body: string, visibility: 'public' | 'private') =>
      db
        .insertInto('desk_notes')
        .values({
          ticket_id: ticketId,
          author_id: people.dave,
          body,
          visibility,
          provenance: 'human',
          ai_collection: null,
          ai_client: null,
          created_at: '2026-02-01T10:00:00.000Z',
        })
        .execute();
    await note(ids['resolved'], 'Fixed, see /kb/vpn-keeps-dropping.', 'public');
    await note(ids['open'], 'Try kb/vpn-keeps-dropping first.', 'public');
    await note(ids['private'], 'kb/vpn-keeps-dropping did not help', 'private');
    const applied = await runMigrations(
      database,
      [{ owner: 'desk', migrations: deskMigrations }],
      engine,
    );
    expect(applied).toEqual(['desk/0010_learned_article_text', 'desk/0011_learned_ticket_text']);
  });
  afterAll(async () => {
    await close?.();
  });

  it('links the tickets whose public notes name an article, and learns from the solved ones', async () => {
    const links = await db
      .selectFrom('desk_kb_article_tickets')
      .select(['article_id', 'ticket_id'])
      .orderBy('ticket_id')
      .execute();
    expect(links.map((link) => [Number(link.article_id), Number(link.ticket_id)])).toEqual([
      [ids['article'], ids['resolved']],
      [ids['article'], ids['open']],
    ]);
    const article = await db
      .selectFrom('desk_kb_articles')
      .select('learned_text')
      .where('id', '=', ids['article']!)
      .executeTakeFirstOrThrow();
    expect(article.learned_text).toBe('Tunnel disconnects every hour');
  });

  it('indexes the learned text at once: staff find the article by the ticket’s words', async () => {
    const store = createDeskStore({ db, engine, now: () => new Date('2026-02-02T00:00:00Z') });
    const agent = principalFor('dave@desk.example', { role: 'agent', scopes: ['kb:read'] });
    const endUser = principalFor('alice@acorn.example', { scopes: ['kb:read'] });
    const found = await store.search.searchArticles(agent, { text: 'disconnects' });
    expect(found.hits.map((hit) => hit.row.id)).toEqual([ids['article']]);
    expect((await store.search.searchArticles(endUser, { text: 'disconnects' })).hits).toEqual([]);
    // The authored words are still found by everyone, through the index 0004 made.
    const authored = await store.search.searchArticles(endUser, { text: 'tcp' });
    expect(authored.hits.map((hit) => hit.row.id)).toEqual([ids['article']]);
  });

  it('keeps the staff index in step through an insert, a learned text, an edit and a delete', async () => {
    const staffMatches = async (word: string) => {
      const query =
        engine === 'sqlite'
          ? sql<{ id: number }>`select rowid as id from desk_kb_learned_fts
              where desk_kb_learned_fts match ${word} order by rowid`
          : sql<{ id: number }>`select id from desk_kb_articles
              where search @@ plainto_tsquery('english', ${word}) order by id`;
      return (await query.execute(db)).rows.map((row) => Number(row.id));
    };
    const inStep = async () => {
      if (engine !== 'sqlite') return; // a generated tsvector cannot drift
      await sql`insert into desk_kb_learned_fts(desk_kb_learned_fts, rank)
        values ('integrity-check', 1)`.execute(db);
    };
    const id = await insertArticle(db, {
      slug: 'outlook-crashes',
      title: 'Outlook crashes at start',
      body: 'Start it in safe mode.',
    });
    expect(await staffMatches('outlook')).toEqual([id]);
    await inStep();
    await db
      .updateTable('desk_kb_articles')
      .set({ learned_text: 'Mail client freezes on launch' })
      .where('id', '=', id)
      .execute();
    expect(await staffMatches('freezes')).toEqual([id]);
    await db
      .updateTable('desk_kb_articles')
      .set({ title: 'Mail will not open', learned_text: '' })
      .where('id', '=', id)
      .execute();
    expect(await staffMatches('freezes')).toEqual([]);
    expect(await staffMatches('outlook')).toEqual([]);
    expect(await staffMatches('mail')).toEqual([id]);
    await inStep();
    await db.deleteFrom('desk_kb_articles').where('id', '=', id).execute();
    expect(await staffMatches('mail')).toEqual([]);
    await inStep();
  });
});
