import type { Database, Principal } from '../../core/index.js';
import type { RunbookDefinition } from './define-runbook.js';
import { toRunView, type RunView } from './run-view.js';
import type { RunbookTables, RunStatus, StepStatus } from './schema.js';

/** Longest text answer kept per step. */
const maxStoredText = 4000;
/** Longest structured result kept per step, as JSON; a longer one is left out (its text stays). */
const maxStoredResult = 16_000;

/** How a step ended, as the run store records it. */
export interface StepOutcome {
  readonly status: StepStatus;
  readonly result?: unknown;
  readonly text?: string;
  readonly error?: string;
}

/** A stored run with its owner, for the visibility check. */
export interface StoredRun {
  readonly userId: string;
  readonly view: RunView;
}

function now(): string {
  return new Date().toISOString();
}

function cut(text: string): string {
  return text.length > maxStoredText ? `${text.slice(0, maxStoredText)}… (cut)` : text;
}

function storedResult(result: unknown): string | null {
  if (result === undefined || result === null) return null;
  const json = JSON.stringify(result);
  return json.length > maxStoredResult ? null : json;
}

/**
 * Runs and their steps in `runbook_runs` and `runbook_steps`.
 *
 * @example
 * const store = createRunStore(ctx.db);
 * await store.start({ id, runbook, principal, mode: 'await', input: {} });
 */
export function createRunStore(database: Database) {
  const db = database.withTables<RunbookTables>();
  return Object.freeze({
    /** Records a new running run with every step `not_run`. */
    async start(run: {
      id: string;
      runbook: RunbookDefinition;
      principal: Principal;
      mode: 'await' | 'start';
      input: unknown;
    }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('runbook_runs')
          .values({
            id: run.id,
            runbook: run.runbook.id,
            user_id: run.principal.userId,
            collection_id: run.principal.collectionId,
            client_id: run.principal.clientId,
            mode: run.mode,
            status: 'running',
            input: JSON.stringify(run.input),
            started_at: now(),
            finished_at: null,
            cancel_requested_at: null,
            heartbeat_at: now(),
          })
          .execute();
        await trx
          .insertInto('runbook_steps')
          .values(
            run.runbook.steps.map((step, position) => ({
              run_id: run.id,
              position,
              step_id: step.id,
              tool: step.tool,
              status: 'not_run' as const,
              arguments: null,
              result: null,
              text: null,
              error: null,
              started_at: null,
              finished_at: null,
            })),
          )
          .execute();
      });
    },

    async stepStarted(runId: string, position: number, args: unknown): Promise<void> {
      await db
        .updateTable('runbook_steps')
        .set({ status: 'running', arguments: JSON.stringify(args), started_at: now() })
        .where('run_id', '=', runId)
        .where('position', '=', position)
        .execute();
    },

    async stepFinished(runId: string, position: number, outcome: StepOutcome): Promise<void> {
      await db
        .updateTable('runbook_steps')
        .set({
          status: outcome.status,
          result: storedResult(outcome.result),
          text: outcome.text === undefined ? null : cut(outcome.text),
          error: outcome.error === undefined ? null : cut(outcome.error),
          finished_at: now(),
        })
        .where('run_id', '=', runId)
        .where('position', '=', position)
        .execute();
    },

    /** Ends a run that is still running (a run already ended keeps its status). */
    async finish(runId: string, status: RunStatus): Promise<void> {
      await db
        .updateTable('runbook_runs')
        .set({ status, finished_at: now() })
        .where('id', '=', runId)
        .where('status', '=', 'running')
        .execute();
    },

    /**
     * Asks a running run to stop before its next step, wherever it runs (another server shares
     * the database). False when the run has already ended.
     */
    async requestCancel(runId: string): Promise<boolean> {
      const result = await db
        .updateTable('runbook_runs')
        .set((eb) => ({
          cancel_requested_at: eb.fn.coalesce('cancel_requested_at', eb.val(now())),
        }))
        .where('id', '=', runId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** True once cancel_runbook_run has asked run `runId` to stop. */
    async cancelRequested(runId: string): Promise<boolean> {
      const run = await db
        .selectFrom('runbook_runs')
        .select('cancel_requested_at')
        .where('id', '=', runId)
        .executeTakeFirst();
      return run?.cancel_requested_at != null;
    },

    /** Records that runs `runIds`, executing here, are alive. */
    async beat(runIds: readonly string[]): Promise<void> {
      if (runIds.length === 0) return;
      await db
        .updateTable('runbook_runs')
        .set({ heartbeat_at: now() })
        .where('id', 'in', runIds)
        .where('status', '=', 'running')
        .execute();
    },

    /**
     * Ends as `interrupted` every run still `running` whose last heartbeat (or start) is before
     * `before`, with its step under way `cancelled`; returns their ids.
     */
    async sweepStale(before: string): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        const stale = await trx
          .selectFrom('runbook_runs')
          .select('id')
          .where('status', '=', 'running')
          .where((eb) => eb(eb.fn.coalesce('heartbeat_at', 'started_at'), '<', before))
          .execute();
        const ids = stale.map((run) => run.id);
        if (ids.length === 0) return ids;
        const at = now();
        await trx
          .updateTable('runbook_steps')
          .set({ status: 'cancelled', error: 'the server running it stopped', finished_at: at })
          .where('run_id', 'in', ids)
          .where('status', '=', 'running')
          .execute();
        await trx
          .updateTable('runbook_runs')
          .set({ status: 'interrupted', finished_at: at })
          .where('id', 'in', ids)
          .where('status', '=', 'running')
          .execute();
        return ids;
      });
    },

    async find(runId: string): Promise<StoredRun | undefined> {
      const run = await db
        .selectFrom('runbook_runs')
        .selectAll()
        .where('id', '=', runId)
        .executeTakeFirst();
      if (!run) return undefined;
      const steps = await db
        .selectFrom('runbook_steps')
        .selectAll()
        .where('run_id', '=', runId)
        .orderBy('position')
        .execute();
      return { userId: run.user_id, view: toRunView(run, steps) };
    },
  });
}

/** @see createRunStore */
export type RunStore = ReturnType<typeof createRunStore>;
