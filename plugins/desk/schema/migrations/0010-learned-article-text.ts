import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Migration } from '../../../../core/index.js';
import { rebuildLearnedArticleText } from '../../knowledge/learned-article-text.js';
import type { DeskTables } from '../tables.js';
import { deskColumns } from './columns.js';

// Fixed SQL only: the schema builder has no words for FTS5, triggers or generated tsvector columns.

/**
 * SQLite: a second article index for staff, `desk_kb_learned_fts`, with the learned text as a
 * fourth column, kept by its own triggers; `rebuild` fills it from the table. The index of 0004
 * (title, body, tags) stays as it is for end users: bm25 normalises by the length of the whole
 * row, so even a column filter over one shared index would let the learned text's length move
 * their ranking. Two indexes of a knowledge base cost little.
 */
const sqliteStatements: readonly RawBuilder<unknown>[] = [
  sql`create virtual table desk_kb_learned_fts using fts5(
    title, body, tags, learned_text,
    content='desk_kb_articles', content_rowid='id', tokenize='porter unicode61')`,
  sql`create trigger desk_kb_learned_fts_insert after insert on desk_kb_articles begin
    insert into desk_kb_learned_fts(rowid, title, body, tags, learned_text)
      values (new.id, new.title, new.body, new.tags, new.learned_text);
  end`,
  sql`create trigger desk_kb_learned_fts_delete after delete on desk_kb_articles begin
    insert into desk_kb_learned_fts(desk_kb_learned_fts, rowid, title, body, tags, learned_text)
      values ('delete', old.id, old.title, old.body, old.tags, old.learned_text);
  end`,
  sql`create trigger desk_kb_learned_fts_update
    after update of title, body, tags, learned_text on desk_kb_articles begin
    insert into desk_kb_learned_fts(desk_kb_learned_fts, rowid, title, body, tags, learned_text)
      values ('delete', old.id, old.title, old.body, old.tags, old.learned_text);
    insert into desk_kb_learned_fts(rowid, title, body, tags, learned_text)
      values (new.id, new.title, new.body, new.tags, new.learned_text);
  end`,
  sql`insert into desk_kb_learned_fts(desk_kb_learned_fts) values ('rebuild')`,
];

/**
 * PostgreSQL: a generated column's expression cannot be altered, so `search` is dropped (its GIN
 * index with it) and added again with the learned text under weight C.
 */
const postgresStatements: readonly RawBuilder<unknown>[] = [
  sql`alter table desk_kb_articles drop column search`,
  sql`alter table desk_kb_articles add column search tsvector generated always as (
    setweight(to_tsvector('english', title), 'A') ||
    setweight(to_tsvector('english', body), 'B') ||
    setweight(to_tsvector('english', tags), 'B') ||
    setweight(to_tsvector('english', learned_text), 'C')) stored`,
  sql`create index desk_kb_articles_search_idx on desk_kb_articles using gin (search)`,
];

/**
 * Articles learn from the tickets they resolved (issue 22): `desk_kb_article_tickets` records
 * which tickets' public notes mention which article, `desk_kb_articles.learned_text` holds the
 * newest solved ones' summaries, indexed as a fourth, lighter field for staff searches (SQLite: a
 * staff index beside the authored one; PostgreSQL: weight C in `search`). Both are filled from
 * the notes already in the desk.
 */
export const addLearnedArticleText: Migration = {
  async up(db, { engine }) {
    const { idType } = deskColumns(engine);
    await db.schema
      .alterTable('desk_kb_articles')
      .addColumn('learned_text', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .createTable('desk_kb_article_tickets')
      .addColumn('article_id', idType, (c) => c.notNull())
      .addColumn('ticket_id', idType, (c) => c.notNull())
      .addPrimaryKeyConstraint('desk_kb_article_tickets_pk', ['article_id', 'ticket_id'])
      .execute();
    await db.schema
      .createIndex('desk_kb_article_tickets_ticket_idx')
      .on('desk_kb_article_tickets')
      .column('ticket_id')
      .execute();
    const statements = engine === 'sqlite' ? sqliteStatements : postgresStatements;
    for (const statement of statements) await statement.execute(db);
    await rebuildLearnedArticleText(db as Kysely<DeskTables>);
  },
};
