import { sql } from 'kysely';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import type { ServerConfig } from '../config/define-config.js';
import type { Database, DatabaseEngine } from '../storage/database.js';
import { coreRetentionKinds } from './core-rules.js';
import type { RetentionKind } from './retention-rule.js';
import type { KeepDays, RetentionSettings } from './retention-settings.js';

// Arbitrary but fixed, and not the migrations' key: one pruner per PostgreSQL database at a time.
export const retentionLockKey = 7_240_312;

const dayMs = 86_400_000;

/** What one kind's prune did (or, dry, would do). */
export interface PrunedKind {
  readonly kind: string;
  readonly description: string;
  readonly keepDays: KeepDays;
  /** Rows older than this went; undefined when the kind is `'off'`. */
  readonly cutoff: Date | undefined;
  /** Rows deleted, or that a dry run would delete. */
  readonly rows: number;
  /** Transactions used (0 on a dry run or when off). */
  readonly batches: number;
}

/** A prune's outcome; `skipped` when another process held the PostgreSQL lock. */
export interface PruneOutcome {
  readonly skipped: boolean;
  readonly dryRun: boolean;
  readonly kinds: readonly PrunedKind[];
}

/** What {@link pruneByAge} needs. */
export interface PruneOptions {
  readonly db: Database;
  readonly engine: DatabaseEngine;
  readonly kinds: readonly RetentionKind[];
  readonly settings: RetentionSettings;
  /** Count only; delete nothing. */
  readonly dryRun?: boolean;
  readonly now?: Date;
  /** Told after each committed batch (for progress and tests). */
  readonly onBatch?: (kind: string, rows: number) => void;
  /** Stops the prune before its next batch (shutdown); what was committed stays deleted. */
  readonly signal?: AbortSignal;
}

/**
 * Every kind pruned in a config: the core's, then each plugin's `retention` rules.
 *
 * @example
 * retentionKinds(config).map((k) => k.kind) // ['audit', 'runbooks.runs']
 */
export function retentionKinds(config: ServerConfig): RetentionKind[] {
  return [
    ...coreRetentionKinds({ oauth: config.auth?.builtIn !== undefined }),
    ...config.plugins.flatMap((plugin) =>
      (plugin.retention ?? []).map((rule) => ({ kind: `${plugin.id}.${rule.name}`, rule })),
    ),
  ];
}

async function pruneKind(
  db: Database,
  entry: RetentionKind,
  options: PruneOptions & { readonly now: Date },
): Promise<PrunedKind> {
  const keepDays = options.settings.keepDays[entry.kind] ?? entry.rule.keepDays;
  const base = { kind: entry.kind, description: entry.rule.description, keepDays };
  if (keepDays === 'off') return { ...base, cutoff: undefined, rows: 0, batches: 0 };
  const cutoff = new Date(options.now.getTime() - keepDays * dayMs);
  if (options.dryRun === true)
    return { ...base, cutoff, rows: await entry.rule.count({ db, cutoff }), batches: 0 };
  const limit = options.settings.batchSize;
  let rows = 0;
  let batches = 0;
  for (;;) {
    // Each batch commits on its own, and others' writes get their turn before the next.
    const deleted = await db
      .transaction()
      .execute((trx) => entry.rule.pruneBatch({ db: trx, cutoff, limit }));
    batches += 1;
    rows += deleted;
    options.onBatch?.(entry.kind, deleted);
    if (deleted < limit || options.signal?.aborted === true) break;
    await yieldToOthers();
  }
  return { ...base, cutoff, rows, batches };
}

async function pruneAll(db: Database, options: PruneOptions): Promise<PrunedKind[]> {
  const now = options.now ?? new Date();
  const done: PrunedKind[] = [];
  for (const entry of options.kinds) {
    if (options.signal?.aborted === true) break;
    done.push(await pruneKind(db, entry, { ...options, now }));
  }
  return done;
}

/**
 * Deletes the rows of every kind older than its days, in batches of `settings.batchSize`, each in
 * its own short transaction, so writers wait for one batch at most. On PostgreSQL it holds an
 * advisory lock for the run and skips when another process holds it.
 *
 * @example
 * const outcome = await pruneByAge({ db, engine, kinds: retentionKinds(config), settings });
 */
export async function pruneByAge(options: PruneOptions): Promise<PruneOutcome> {
  const dryRun = options.dryRun === true;
  if (options.engine !== 'postgres')
    return { skipped: false, dryRun, kinds: await pruneAll(options.db, options) };
  // A session lock on one pinned connection, which then runs the batches too.
  return options.db.connection().execute(async (connection) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(${retentionLockKey}) as locked`.execute(connection);
    if (rows[0]?.locked !== true) return { skipped: true, dryRun, kinds: [] };
    try {
      return { skipped: false, dryRun, kinds: await pruneAll(connection, options) };
    } finally {
      await sql`select pg_advisory_unlock(${retentionLockKey})`.execute(connection);
    }
  });
}
