import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineTool, type ToolContext } from '../../../core/index.js';
import type { BackgroundRuns } from '../background-runs.js';
import type { RunbookDefinition } from '../define-runbook.js';
import { executeRun, type RunDriver } from '../run-runbook.js';
import type { RunLiveness } from '../run-liveness.js';
import type { RunStore } from '../run-store.js';
import { runTask } from '../run-task.js';
import { runViewSchema, summarizeRun, type RunView } from '../run-view.js';

/** What the run tools share: the run store, the runs in the background and their heartbeats. */
export interface RunbookToolDeps {
  readonly store: RunStore;
  readonly background: BackgroundRuns;
  readonly liveness: RunLiveness;
  /** Told each run's final status (the runs metric). */
  readonly onFinished?: RunDriver['onFinished'];
}

const modeDescription =
  'await (wait for the last step and return every outcome, with progress per step) or start ' +
  '(return a run id at once and run in the background; read it with get_runbook_run)';

function describeRunbook(runbook: RunbookDefinition): string {
  const steps = runbook.steps
    .map(
      (step, i) =>
        `${i + 1}. ${step.title ?? step.id} (${step.tool}${step.when ? ', when it applies' : ''})`,
    )
    .join('; ');
  return (
    `${runbook.description} Runbook steps: ${steps}. Each step runs with your own permissions: a ` +
    "step whose tool you cannot use fails. Returns the run id, its status and every step's " +
    "outcome (ok, error, skipped, cancelled, not_run) with the tools' results."
  );
}

function redactInput(
  input: Record<string, unknown>,
  names: readonly string[],
): Record<string, unknown> {
  const out = { ...input };
  for (const name of names) if (name in out) out[name] = '[redacted]';
  return out;
}

type RunContext = ToolContext<Record<string, unknown>>;

async function storedView(store: RunStore, runId: string): Promise<RunView> {
  const stored = await store.find(runId);
  if (!stored) throw new Error(`runbook run ${runId} vanished from the store`);
  return stored.view;
}

/**
 * `run_<id>`: the runbook as a tool, with the runbook's input plus `mode`.
 *
 * @example
 * ctx.addTool(runbookTool(raiseAndResolve, { store, background, liveness }));
 */
export function runbookTool(runbook: RunbookDefinition, deps: RunbookToolDeps) {
  const { store, background } = deps;
  const input = runbook.input.extend({
    mode: z
      .enum(['await', 'start'])
      .default(runbook.mode ?? 'await')
      .describe(modeDescription),
  });
  /** Stores the run as the caller's, with its secret arguments redacted; returns its id. */
  const begin = async (ctx: RunContext, mode: 'await' | 'start'): Promise<string> => {
    const { mode: _mode, ...runInput } = ctx.input;
    const runId = randomUUID();
    await store.start({
      id: runId,
      runbook,
      principal: ctx.principal,
      mode,
      input: redactInput(runInput, runbook.secretArguments ?? []),
    });
    return runId;
  };
  /** Starts the run in the background, where it outlives the request: its progress is its stored steps. */
  const launch = async (ctx: RunContext): Promise<string> => {
    const { mode: _mode, ...runInput } = ctx.input;
    const runId = await begin(ctx, 'start');
    const driver = {
      callTool: ctx.callTool,
      progress: () => Promise.resolve(),
      store,
      onFinished: deps.onFinished,
    };
    background.launch(runId, (signal) =>
      deps.liveness.track(runId, () =>
        executeRun(runbook, { id: runId, input: runInput }, { ...driver, signal }),
      ),
    );
    return runId;
  };
  return defineTool({
    name: `run_${runbook.id}`,
    title: runbook.title,
    description: describeRunbook(runbook),
    input,
    output: runViewSchema,
    scopes: runbook.scopes ?? ['runbooks:run'],
    calls: [...new Set(runbook.steps.map((step) => step.tool))],
    secretArguments: runbook.secretArguments ?? [],
    annotations: { readOnlyHint: false, idempotentHint: false, openWorldHint: false },
    summarize: summarizeRun,
    handler: async (ctx: ToolContext<Record<string, unknown>>) => {
      const { mode, ...runInput } = ctx.input;
      if (mode === 'start') return storedView(store, await launch(ctx));
      const runId = await begin(ctx, 'await');
      const driver: RunDriver = {
        callTool: ctx.callTool,
        signal: ctx.signal,
        progress: ctx.progress,
        store,
        onFinished: deps.onFinished,
      };
      await deps.liveness.track(runId, () =>
        executeRun(runbook, { id: runId, input: runInput }, driver),
      );
      return storedView(store, runId);
    },
    // A client that takes tasks gets one for every run, whatever the mode: it polls the run.
    task: runTask({ start: launch, store, background }),
  });
}
