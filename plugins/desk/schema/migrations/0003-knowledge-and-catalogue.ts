import type { Migration } from '../../../../core/index.js';
import { between, deskColumns, oneOf } from './columns.js';

/** Knowledge base, services, the catalogue, customer services and the e-mail outbox. */
export const createKnowledgeAndCatalogue: Migration = {
  async up(db, { engine }) {
    const { id, idType, references } = deskColumns(engine);

    await id(db.schema.createTable('desk_kb_articles'))
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('published', 'integer', (c) => c.notNull().check(between('published', 0, 1)))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await id(db.schema.createTable('desk_services'))
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .execute();

    await id(db.schema.createTable('desk_catalogue_items'))
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('service_id', idType, references('desk_services'))
      .addColumn('ticket_type_id', idType, (c) => references('desk_ticket_types')(c).notNull())
      .addColumn('default_team_id', idType)
      .execute();

    await db.schema
      .createTable('desk_customer_services')
      .addColumn('organisation_id', idType, (c) => c.notNull())
      .addColumn('service_id', idType, (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('desk_customer_services_pk', ['organisation_id', 'service_id'])
      .execute();

    await id(db.schema.createTable('desk_outbox'))
      .addColumn('to_email', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('ticket_id', idType)
      .addColumn('status', 'text', (c) =>
        c.notNull().check(oneOf('status', ['queued', 'sent', 'failed'])),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await db.schema
      .createIndex('desk_outbox_status_idx')
      .on('desk_outbox')
      .columns(['status', 'created_at'])
      .execute();
  },
};
