import type { Generated } from 'kysely';
import type { Migrations } from '../../core/index.js';

/** The table this example plugin owns, as its tools see it. */
export type AnnouncementTables = {
  example_announcements: {
    id: Generated<number>;
    title: string;
    body: string;
    audience: 'everyone' | 'agents';
    author_id: string;
    created_at: string;
  };
};

const demoRows = [
  {
    title: 'VPN maintenance Saturday 22:00–23:00',
    body: 'The London VPN concentrator is patched on Saturday night. Expect two short drops.',
    audience: 'everyone',
  },
  {
    title: 'New starter checklist updated',
    body: 'The new starter runbook now includes the badge request form.',
    audience: 'agents',
  },
  {
    title: 'Phishing warning',
    body: 'Invoices from "acc0unts@" addresses are phishing. Do not open the attachment; forward it to security.',
    audience: 'everyone',
  },
] as const;

/** Creates the table and seeds the demo announcements. */
export const announcementMigrations: Migrations = Object.freeze({
  '0001_create': {
    async up(db, { engine }) {
      await db.schema
        .createTable('example_announcements')
        .addColumn('id', engine === 'postgres' ? 'serial' : 'integer', (c) =>
          engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002_demo_data': {
    async up(db) {
      const now = new Date().toISOString();
      await db
        .insertInto('example_announcements')
        .values(demoRows.map((row) => ({ ...row, author_id: 'system', created_at: now })))
        .execute();
    },
  },
});
