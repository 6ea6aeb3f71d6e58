import type { Kysely } from 'kysely';
import type { DatabaseEngine } from './database.js';

/**
 * One schema change. `db` is untyped on purpose: migrations describe tables as they were then,
 * not as the current types say. Write them with Kysely's schema builder so they run on SQLite
 * and PostgreSQL alike.
 *
 * @example
 * const createNotes: Migration = {
 *   up: (db) => db.schema.createTable('notes').addColumn('id', 'integer', (c) => c.primaryKey()).execute(),
 * };
 */
export interface Migration {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the types
  up(db: Kysely<any>, context: { readonly engine: DatabaseEngine }): Promise<void>;
}

/** A plugin's migrations by name; applied once each, in name order. */
export type Migrations = Readonly<Record<string, Migration>>;
