import type { Migrations } from '../../core/index.js';

/** Where a run stands; every status but `running` is final. */
export type RunStatus =
  'running' | 'completed' | 'completed_with_errors' | 'failed' | 'cancelled' | 'interrupted';

/** What became of one step. */
export type StepStatus = 'not_run' | 'running' | 'ok' | 'error' | 'skipped' | 'cancelled';

/**
 * The plugin's tables. Times are ISO-8601 UTC strings and JSON values are text, the same on
 * SQLite and PostgreSQL (as the desk's tables).
 *
 * @example
 * const runs = db.withTables<RunbookTables>().selectFrom('runbook_runs');
 */
export type RunbookTables = {
  runbook_runs: {
    id: string;
    runbook: string;
    user_id: string;
    collection_id: string;
    client_id: string;
    mode: string;
    status: RunStatus;
    input: string;
    started_at: string;
    finished_at: string | null;
    /** When cancel_runbook_run asked the run to stop; the run stops before its next step. */
    cancel_requested_at: string | null;
    /** Last sign of life from the server executing the run; see run-liveness.ts. */
    heartbeat_at: string | null;
  };
  runbook_steps: {
    run_id: string;
    position: number;
    step_id: string;
    tool: string;
    status: StepStatus;
    arguments: string | null;
    result: string | null;
    text: string | null;
    error: string | null;
    started_at: string | null;
    finished_at: string | null;
  };
};

/**
 * Applied once each, in name order. Never edit one that has shipped; add another.
 *
 * @example
 * definePlugin({ id: 'runbooks', version: '0.1.0', migrations: runbookMigrations })
 */
export const runbookMigrations: Migrations = {
  '0001_runs': {
    async up(db) {
      await db.schema
        .createTable('runbook_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('runbook', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('collection_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('input', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema
        .createIndex('runbook_runs_user_idx')
        .on('runbook_runs')
        .columns(['user_id', 'started_at'])
        .execute();
      await db.schema
        .createIndex('runbook_runs_status_idx')
        .on('runbook_runs')
        .column('status')
        .execute();
      await db.schema
        .createTable('runbook_steps')
        .addColumn('run_id', 'text', (c) => c.notNull().references('runbook_runs.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('step_id', 'text', (c) => c.notNull())
        .addColumn('tool', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('arguments', 'text')
        .addColumn('result', 'text')
        .addColumn('text', 'text')
        .addColumn('error', 'text')
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addPrimaryKeyConstraint('runbook_steps_pk', ['run_id', 'position'])
        .execute();
    },
  },
  '0002_cancel_requests': {
    async up(db) {
      await db.schema.alterTable('runbook_runs').addColumn('cancel_requested_at', 'text').execute();
    },
  },
  '0003_run_heartbeats': {
    async up(db) {
      await db.schema.alterTable('runbook_runs').addColumn('heartbeat_at', 'text').execute();
    },
  },
  // Retention finds finished runs by when they ended, a batch at a time, without a full scan.
  '0004_runs_finished_at': {
    async up(db) {
      await db.schema
        .createIndex('runbook_runs_finished_idx')
        .on('runbook_runs')
        .column('finished_at')
        .execute();
    },
  },
};
