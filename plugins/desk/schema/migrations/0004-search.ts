import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Migration } from '../../../../core/index.js';

// Fixed SQL only: the schema builder has no words for FTS5, triggers or generated tsvector columns.

/** SQLite: external-content FTS5 tables over tickets and KB articles, kept in sync by triggers. */
const sqliteStatements: readonly RawBuilder<unknown>[] = [
  sql`create virtual table desk_tickets_fts using fts5(
    summary, details, content='desk_tickets', content_rowid='id', tokenize='porter unicode61')`,
  sql`create trigger desk_tickets_fts_insert after insert on desk_tickets begin
    insert into desk_tickets_fts(rowid, summary, details) values (new.id, new.summary, new.details);
  end`,
  sql`create trigger desk_tickets_fts_delete after delete on desk_tickets begin
    insert into desk_tickets_fts(desk_tickets_fts, rowid, summary, details)
      values ('delete', old.id, old.summary, old.details);
  end`,
  // Only a change of the indexed text touches the index; status and SLA updates leave it alone.
  sql`create trigger desk_tickets_fts_update after update of summary, details on desk_tickets begin
    insert into desk_tickets_fts(desk_tickets_fts, rowid, summary, details)
      values ('delete', old.id, old.summary, old.details);
    insert into desk_tickets_fts(rowid, summary, details) values (new.id, new.summary, new.details);
  end`,
  sql`create virtual table desk_kb_fts using fts5(
    title, body, tags, content='desk_kb_articles', content_rowid='id', tokenize='porter unicode61')`,
  sql`create trigger desk_kb_fts_insert after insert on desk_kb_articles begin
    insert into desk_kb_fts(rowid, title, body, tags) values (new.id, new.title, new.body, new.tags);
  end`,
  sql`create trigger desk_kb_fts_delete after delete on desk_kb_articles begin
    insert into desk_kb_fts(desk_kb_fts, rowid, title, body, tags)
      values ('delete', old.id, old.title, old.body, old.tags);
  end`,
  sql`create trigger desk_kb_fts_update after update of title, body, tags on desk_kb_articles begin
    insert into desk_kb_fts(desk_kb_fts, rowid, title, body, tags)
      values ('delete', old.id, old.title, old.body, old.tags);
    insert into desk_kb_fts(rowid, title, body, tags) values (new.id, new.title, new.body, new.tags);
  end`,
];

/** PostgreSQL: a stored, generated `search` tsvector per table (A: title, B: the rest). */
const postgresColumns: readonly RawBuilder<unknown>[] = [
  sql`setweight(to_tsvector('english', summary), 'A') ||
    setweight(to_tsvector('english', details), 'B')`,
  sql`setweight(to_tsvector('english', title), 'A') ||
    setweight(to_tsvector('english', body), 'B') ||
    setweight(to_tsvector('english', tags), 'B')`,
];

async function addPostgresSearch(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the types
  db: Kysely<any>,
  { table, vector }: { table: string; vector: RawBuilder<unknown> },
): Promise<void> {
  await db.schema
    .alterTable(table)
    .addColumn('search', sql`tsvector`, (c) => c.generatedAlwaysAs(vector).stored())
    .execute();
  await db.schema
    .createIndex(`${table}_search_idx`)
    .on(table)
    .using('gin')
    .column('search')
    .execute();
}

/** Full-text search of tickets and KB articles with each engine's own index. */
export const createSearch: Migration = {
  async up(db, { engine }) {
    if (engine === 'sqlite') {
      for (const statement of sqliteStatements) await statement.execute(db);
      return;
    }
    const [tickets, articles] = postgresColumns as [RawBuilder<unknown>, RawBuilder<unknown>];
    await addPostgresSearch(db, { table: 'desk_tickets', vector: tickets });
    await addPostgresSearch(db, { table: 'desk_kb_articles', vector: articles });
  },
};
