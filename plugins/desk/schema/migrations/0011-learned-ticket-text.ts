import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Migration } from '../../../../core/index.js';
import { rebuildLearnedTicketText } from '../../store/learned-ticket-text.js';
import type { DeskTables } from '../tables.js';
import { deskColumns } from './columns.js';

// Fixed SQL only: the schema builder has no words for FTS5, triggers or generated tsvector columns.

/** SQLite: an FTS5 index over the learned text, kept by triggers. */
const sqliteStatements: readonly RawBuilder<unknown>[] = [
  sql`create virtual table desk_ticket_learned_fts using fts5(learned_text,
    content='desk_ticket_learned', content_rowid='ticket_id', tokenize='porter unicode61')`,
  sql`create trigger desk_ticket_learned_fts_insert after insert on desk_ticket_learned begin
    insert into desk_ticket_learned_fts(rowid, learned_text) values (new.ticket_id, new.learned_text);
  end`,
  sql`create trigger desk_ticket_learned_fts_delete after delete on desk_ticket_learned begin
    insert into desk_ticket_learned_fts(desk_ticket_learned_fts, rowid, learned_text)
      values ('delete', old.ticket_id, old.learned_text);
  end`,
  sql`create trigger desk_ticket_learned_fts_update after update on desk_ticket_learned begin
    insert into desk_ticket_learned_fts(desk_ticket_learned_fts, rowid, learned_text)
      values ('delete', old.ticket_id, old.learned_text);
    insert into desk_ticket_learned_fts(rowid, learned_text) values (new.ticket_id, new.learned_text);
  end`,
];

/** PostgreSQL: a generated tsvector over the learned text, with its GIN index. */
const postgresStatements: readonly RawBuilder<unknown>[] = [
  sql`alter table desk_ticket_learned add column search tsvector
    generated always as (to_tsvector('english', learned_text)) stored`,
  sql`create index desk_ticket_learned_search_idx on desk_ticket_learned using gin (search)`,
];

/**
 * Past tickets learn from the later tickets that refer to them (issue 22): `desk_ticket_links`
 * records which later ticket's note (public or private) names which earlier ticket of the same
 * organisation (`#<id>`, `ticket <id>`), and `desk_ticket_learned` holds, for the tickets that have
 * any, the summaries of the newest solved ones, with its own full-text index: a small table
 * beside the ticket indexes, so a large desk's ticket indexes are not rebuilt. Filled from the
 * notes already in the desk.
 */
export const addLearnedTicketText: Migration = {
  async up(db, { engine }) {
    const { idType } = deskColumns(engine);
    await db.schema
      .createTable('desk_ticket_links')
      .addColumn('ticket_id', idType, (c) => c.notNull())
      .addColumn('from_ticket_id', idType, (c) => c.notNull())
      .addPrimaryKeyConstraint('desk_ticket_links_pk', ['ticket_id', 'from_ticket_id'])
      .execute();
    await db.schema
      .createIndex('desk_ticket_links_from_idx')
      .on('desk_ticket_links')
      .column('from_ticket_id')
      .execute();
    await db.schema
      .createTable('desk_ticket_learned')
      .addColumn('ticket_id', idType, (c) => c.primaryKey())
      .addColumn('learned_text', 'text', (c) => c.notNull())
      .execute();
    const statements = engine === 'sqlite' ? sqliteStatements : postgresStatements;
    for (const statement of statements) await statement.execute(db);
    await rebuildLearnedTicketText(db as Kysely<DeskTables>);
  },
};
