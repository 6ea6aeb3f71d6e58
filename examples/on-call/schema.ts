import type { Generated } from 'kysely';
import type { Migrations } from '../../core/index.js';

/**
 * The on-call plugin's tables, prefixed `oncall_`: who is on call for which desk team and when,
 * and every page sent.
 *
 * @example
 * const shifts = db.withTables<OnCallTables>().selectFrom('oncall_shifts');
 */
export type OnCallTables = {
  oncall_shifts: {
    id: Generated<number>;
    /** A desk team's key, e.g. "network". */
    team_key: string;
    /** The engineer's e-mail. */
    engineer: string;
    /** ISO 8601 instants; a shift covers starts_at ≤ t < ends_at. */
    starts_at: string;
    ends_at: string;
  };
  oncall_pages: {
    id: Generated<number>;
    ticket_id: number;
    team_key: string;
    engineer: string;
    /** The user id of whoever paged. */
    paged_by: string;
    message: string;
    paged_at: string;
  };
};

/**
 * Creates the rota and the page log, on SQLite and PostgreSQL alike.
 *
 * @example
 * definePlugin({ id: 'on-call', version: '0.1.0', migrations: onCallMigrations });
 */
export const onCallMigrations: Migrations = Object.freeze({
  '0001_create_on_call': {
    async up(db, { engine }) {
      const id = engine === 'postgres' ? 'serial' : 'integer';
      await db.schema
        .createTable('oncall_shifts')
        .addColumn('id', id, (c) =>
          engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('team_key', 'text', (c) => c.notNull())
        .addColumn('engineer', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('oncall_shifts_team_time')
        .on('oncall_shifts')
        .columns(['team_key', 'starts_at'])
        .execute();
      await db.schema
        .createTable('oncall_pages')
        .addColumn('id', id, (c) =>
          engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('ticket_id', 'integer', (c) => c.notNull())
        .addColumn('team_key', 'text', (c) => c.notNull())
        .addColumn('engineer', 'text', (c) => c.notNull())
        .addColumn('paged_by', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('paged_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('oncall_pages_paged_at')
        .on('oncall_pages')
        .column('paged_at')
        .execute();
    },
  },
});
