import type { Migrations } from '../../storage/migration.js';

/** The tasks handed to 2026-07-28 clients (ADR 0029): whose each is and where its work is kept. */
export type TaskTables = {
  sdm_tasks: {
    /** SHA-256 of the task id: the id itself is known only to the client it was given to. */
    id_hash: string;
    collection_id: string;
    tool: string;
    /** The tool's own reference to the work (a runbook run id). */
    ref: string;
    user_id: string;
    client_id: string;
    created_at: string;
    /** ISO time after which the task is answered as expired and the row may go. */
    expires_at: string;
  };
};

/** Migration of the table above. */
export const taskMigrations: Migrations = Object.freeze({
  '0004_tasks': {
    async up(db) {
      await db.schema
        .createTable('sdm_tasks')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('collection_id', 'text', (c) => c.notNull())
        .addColumn('tool', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sdm_tasks_expires')
        .on('sdm_tasks')
        .column('expires_at')
        .execute();
    },
  },
});
