import type { Database } from '../storage/database.js';

/** What a rule's `count` gets: the database and the moment before which rows may go. */
export interface RetentionCountContext {
  readonly db: Database;
  /** Rows older than this go; younger ones stay. */
  readonly cutoff: Date;
}

/** What a rule's `pruneBatch` gets: a short transaction, the cut-off and the most rows to delete. */
export interface RetentionBatchContext extends RetentionCountContext {
  /** The batch's own transaction: the core commits it before the next batch. */
  readonly db: Database;
  /** Delete at most this many rows (e.g. `where id in (select id … limit n)`). */
  readonly limit: number;
}

/**
 * One kind of row pruned by age. Plugins list theirs in `definePlugin({ retention })`; the kind is
 * then named `<plugin id>.<name>` in `retention.keepDays` and in the `prune` summary.
 *
 * @example
 * const oldNotes: RetentionRule = {
 *   name: 'notes', description: 'notes', keepDays: 90,
 *   count: async ({ db, cutoff }) => …,
 *   pruneBatch: async ({ db, cutoff, limit }) => …, // returns the rows deleted
 * };
 */
export interface RetentionRule {
  /** kebab-case, unique within its owner. */
  readonly name: string;
  /** What goes, for the `prune` summary (e.g. "finished runbook runs"). */
  readonly description: string;
  /** The default age in days after which rows go; `retention.keepDays` overrides it. */
  readonly keepDays: number;
  /** How many rows a prune at this cut-off would delete (for `prune --dry-run`). */
  count(context: RetentionCountContext): Promise<number>;
  /**
   * Deletes at most `limit` rows older than the cut-off and returns how many went. The core calls
   * it again until it deletes fewer than `limit`, so it must make progress on every call.
   */
  pruneBatch(context: RetentionBatchContext): Promise<number>;
}

/** A rule with its owner's full kind name (`audit`, `oauth.tokens`, `runbooks.runs`). */
export interface RetentionKind {
  readonly kind: string;
  readonly rule: RetentionRule;
}
