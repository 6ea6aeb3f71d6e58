import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Migration } from '../../../../core/index.js';
import { rebuildLearnedArticleText } from '../../knowledge/learned-article-text.js';
import type { DeskTables } from '../tables.js';
import { deskColumns } from './columns.js';

// Fixed SQL only: the schema builder has no words for FTS5, triggers or generated tsvector columns.

/**
 * SQLite: FTS5 cannot add a column, so the article index of 0004 is recreated with a fourth,
 * `learned_text`, and its triggers follow that column too; `rebuild` refills it from the table.
 */
const sqliteStatements: readonly RawBuilder<unknown>[] = [
  sql`drop trigger desk_kb_fts_insert`,
  sql`drop trigger desk_kb_fts_delete`,
  sql`drop trigger desk_kb_fts_update`,
  sql`drop table desk_kb_fts`,
  sql`create virtual table desk_kb_fts using fts5(
    title, body, tags, learned_text,
    content='desk_kb_articles', content_rowid='id', tokenize='porter unicode61')`,
  sql`create trigger desk_kb_fts_insert after insert on desk_kb_articles begin
    insert into desk_kb_fts(rowid, title, body, tags, learned_text)
      values (new.id, new.title, new.body, new.tags, new.learned_text);
  end`,
  sql`create trigger desk_kb_fts_delete after delete on desk_kb_articles begin
    insert into desk_kb_fts(desk_kb_fts, rowid, title, body, tags, learned_text)
      values ('delete', old.id, old.title, old.body, old.tags, old.learned_text);
  end`,
  sql`create trigger desk_kb_fts_update
    after update of title, body, tags, learned_text on desk_kb_articles begin
    insert into desk_kb_fts(desk_kb_fts, rowid, title, body, tags, learned_text)
      values ('delete', old.id, old.title, old.body, old.tags, old.learned_text);
    insert into desk_kb_fts(rowid, title, body, tags, learned_text)
      values (new.id, new.title, new.body, new.tags, new.learned_text);
  end`,
  sql`insert into desk_kb_fts(desk_kb_fts) values ('rebuild')`,
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
 * newest solved ones' summaries, and each engine's article index gains it as a fourth, lighter
 * field. Both are filled from the notes already in the desk.
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
