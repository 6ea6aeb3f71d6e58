import type { Database, RetentionRule } from '../../core/index.js';
import type { RunbookTables } from './schema.js';

/** Finished runs older than the cut-off; a running run is never one of them, however old. */
function finishedBefore(db: Database, cutoff: Date) {
  return db
    .withTables<RunbookTables>()
    .selectFrom('runbook_runs')
    .where('status', '!=', 'running')
    .where('finished_at', 'is not', null)
    .where('finished_at', '<', cutoff.toISOString());
}

/**
 * The runbooks plugin's retention (kind `runbooks.runs`): a run that ended more than 180 days ago
 * goes with its steps, long enough to compare this half-year's runs with the last.
 *
 * @example
 * definePlugin({ id: 'runbooks', version: '0.1.0', retention: [finishedRunsRetention] })
 */
export const finishedRunsRetention: RetentionRule = Object.freeze({
  name: 'runs',
  description: 'finished runbook runs with their steps (by when they ended)',
  keepDays: 180,
  async count({ db, cutoff }: { db: Database; cutoff: Date }) {
    const row = await finishedBefore(db, cutoff)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async pruneBatch({ db, cutoff, limit }: { db: Database; cutoff: Date; limit: number }) {
    const ids = (
      await finishedBefore(db, cutoff).select('id').orderBy('id').limit(limit).execute()
    ).map((row) => row.id);
    if (ids.length === 0) return 0;
    const runbooks = db.withTables<RunbookTables>();
    // Steps first: they reference their run.
    await runbooks.deleteFrom('runbook_steps').where('run_id', 'in', ids).execute();
    const result = await runbooks
      .deleteFrom('runbook_runs')
      .where('id', 'in', ids)
      .where('status', '!=', 'running')
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },
});
