import type { Kysely } from 'kysely';
import type { DatabaseEngine } from '../../../core/index.js';
import type { DeskTables } from '../schema/tables.js';
import type { PrincipalCache } from './principal-cache.js';
import type { SharedTransaction } from './shared-transaction.js';

/** What every part of the desk store is built from. */
export interface DeskStoreContext {
  readonly db: Kysely<DeskTables>;
  readonly engine: DatabaseEngine;
  /** The clock SLA due times and timestamps are read from; tests pass a fixed one. */
  readonly now: () => Date;
  /**
   * Set on the parts `desk.transaction` hands to its callback: `db` is then that transaction, and
   * every store write joins it (in a savepoint) instead of opening a transaction of its own.
   */
  readonly sharedTransaction?: SharedTransaction;
  /**
   * The callers' desk users, shared by the store's calls for a few seconds. Absent inside
   * `desk.transaction`, whose reads may see its own uncommitted writes.
   */
  readonly principals?: PrincipalCache;
}
