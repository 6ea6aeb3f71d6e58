import type { TaskProgress, ToolTasks } from '../../core/index.js';
import type { RunStore } from './run-store.js';
import type { RunView } from './run-view.js';

/** When the run last changed: its start, end, cancel request or any step's start or end. */
function lastChange(view: RunView): Date {
  const times = [view.startedAt, view.finishedAt, view.cancelRequestedAt]
    .concat(view.steps.flatMap((step) => [step.startedAt, step.finishedAt]))
    .filter((at): at is string => typeof at === 'string')
    .map((at) => Date.parse(at));
  return new Date(Math.max(...times));
}

function workingMessage(view: RunView): string {
  const position = view.steps.findIndex((step) => step.status === 'running');
  const step = view.steps[position];
  const where = step
    ? `step ${position + 1} of ${view.steps.length} (${step.id}) is running`
    : `between steps (${view.steps.filter((s) => s.finishedAt !== null).length} of ${view.steps.length} done)`;
  return view.cancelRequestedAt ? `${where}; it stops before its next step` : where;
}

/**
 * A run as a task's progress: running is `working`; a run that ended by itself — even failed at
 * a step — is `completed` with the run view the tool answers in await mode; `cancelled` stays;
 * `interrupted` (its server stopped) is `failed`, since the run did not get to an answer.
 *
 * @example
 * runProgress(view); // { status: 'completed', output: view, updatedAt: … }
 */
export function runProgress(view: RunView): TaskProgress<RunView> {
  const updatedAt = lastChange(view);
  switch (view.status) {
    case 'running':
      return { status: 'working', message: workingMessage(view), updatedAt };
    case 'cancelled':
      return { status: 'cancelled', message: `run ${view.runId} was cancelled`, updatedAt };
    case 'interrupted':
      return {
        status: 'failed',
        message: `run ${view.runId} was interrupted: the server running it stopped; steps done stay done (get_runbook_run shows them)`,
        updatedAt,
      };
    case 'completed':
    case 'completed_with_errors':
    case 'failed':
      return { status: 'completed', output: view, message: `run ${view.status}`, updatedAt };
  }
}

/**
 * The task contract of one runbook tool: `start` begins the run in the background as mode
 * `start` does; the task's state is the run's stored state (any instance reads it); `cancel` is
 * `cancel_runbook_run`'s: at once here, before the next step on another instance.
 *
 * @example
 * defineTool({ ..., task: runTask({ start: (ctx) => launch(ctx), store, background }) });
 */
export function runTask<TInput>(deps: {
  readonly start: ToolTasks<TInput, RunView>['start'];
  readonly store: RunStore;
  readonly background: { cancel(runId: string): Promise<boolean> };
}): ToolTasks<TInput, RunView> {
  return {
    start: deps.start,
    async state(runId) {
      const stored = await deps.store.find(runId);
      return stored && runProgress(stored.view);
    },
    async cancel(runId) {
      if (await deps.store.requestCancel(runId)) await deps.background.cancel(runId);
    },
    pollIntervalMs: 1000,
  };
}
