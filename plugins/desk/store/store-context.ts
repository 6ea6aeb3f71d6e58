import type { Kysely } from 'kysely';
import type { DatabaseEngine } from '../../../core/index.js';
import type { DeskTables } from '../schema/tables.js';

/** What every part of the desk store is built from. */
export interface DeskStoreContext {
  readonly db: Kysely<DeskTables>;
  readonly engine: DatabaseEngine;
  /** The clock SLA due times and timestamps are read from; tests pass a fixed one. */
  readonly now: () => Date;
}
