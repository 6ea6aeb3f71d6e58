import type { NestedToolCaller, ProgressReporter } from '../../core/index.js';
import { secretArgumentsOf } from './check-runbook.js';
import type { RunbookDefinition, RunbookStep } from './define-runbook.js';
import type { RunStore } from './run-store.js';
import type { RunScope, StepRecord } from './run-scope.js';
import type { RunStatus } from './schema.js';
import { conditionHolds } from './step-condition.js';
import { renderTemplate } from './template.js';

/** A called tool's result, as `ctx.callTool` returns it. */
type CallToolResult = Awaited<ReturnType<NestedToolCaller>>;

/** The abort reason of a background run stopped because the server shuts down. */
export class RunInterrupted extends Error {
  constructor() {
    super('the server shut down while the run was in progress');
  }
}

/**
 * What a run needs from the call it runs in: the nested tool caller (the caller's own
 * permissions), a cancellation signal, where progress goes and where the run is recorded.
 *
 * @example
 * const driver: RunDriver = { callTool: ctx.callTool, signal: ctx.signal, progress: ctx.progress, store };
 */
export interface RunDriver {
  readonly callTool: NestedToolCaller;
  readonly signal: AbortSignal;
  readonly progress: ProgressReporter;
  readonly store: RunStore;
  /** Told the run's final status once it is stored. */
  readonly onFinished?: ((runbookId: string, status: RunStatus) => void) | undefined;
}

const aborted = Symbol('aborted');

/** The work's result, or `aborted` as soon as the signal fires (a step may ignore our signal). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | typeof aborted> {
  if (signal.aborted) return Promise.resolve(aborted);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(aborted);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Progress that only ever increases (as MCP requires) and never fails the run. */
function monotonic(
  progress: ProgressReporter,
): (done: number, total: number, message?: string) => Promise<void> {
  let last = -1;
  return async (done, total, message) => {
    if (done <= last) return;
    last = done;
    await progress(done, total, message).catch(() => undefined);
  };
}

function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}

function redact(args: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...args };
  for (const name of names) if (name in out) out[name] = '[redacted]';
  return out;
}

function stepLabel(step: RunbookStep, position: number, total: number): string {
  return `Step ${position + 1} of ${total}: ${step.title ?? step.id} (${step.tool})`;
}

/** Runs the steps in order and records each; returns the run's final status. */
async function runSteps(
  runbook: RunbookDefinition,
  run: { readonly id: string; readonly input: Record<string, unknown> },
  driver: RunDriver,
): Promise<RunStatus> {
  const { store, signal } = driver;
  const steps: Record<string, StepRecord> = {};
  const scope: RunScope = { input: run.input, steps };
  const total = runbook.steps.length;
  const progress = monotonic(driver.progress);
  const stopped = (): RunStatus =>
    signal.reason instanceof RunInterrupted ? 'interrupted' : 'cancelled';
  let hadErrors = false;
  for (const [position, step] of runbook.steps.entries()) {
    if (signal.aborted) return stopped();
    // cancel_runbook_run may have been called on another server, or for a run awaited here.
    if (await store.cancelRequested(run.id)) return 'cancelled';
    const label = stepLabel(step, position, total);
    if (step.when !== undefined && !conditionHolds(step.when, scope)) {
      steps[step.id] = { status: 'skipped' };
      await store.stepFinished(run.id, position, { status: 'skipped' });
      await progress(position, total, `${label} — skipped, its condition does not hold`);
      continue;
    }
    await progress(position, total, label);
    const args = renderTemplate(step.arguments ?? {}, scope) as Record<string, unknown>;
    await store.stepStarted(run.id, position, redact(args, secretArgumentsOf(runbook, step)));
    const onProgress: ProgressReporter = async (done, of, message) => {
      if (of === undefined || of <= 0) return;
      // Within the step's own unit, above its start, so a nested 0 still counts as progress.
      const within = 0.01 + 0.98 * Math.min(done / of, 1);
      await progress(position + within, total, message ? `${label}: ${message}` : label);
    };
    const result = await untilAborted(
      driver.callTool(step.tool, args, { onProgress, signal }),
      signal,
    );
    if (result === aborted || signal.aborted) {
      const reason =
        signal.reason instanceof RunInterrupted ? signal.reason.message : 'the run was cancelled';
      await store.stepFinished(run.id, position, { status: 'cancelled', error: reason });
      return stopped();
    }
    const text = textOf(result);
    if (result.isError === true) {
      steps[step.id] = { status: 'error', text };
      await store.stepFinished(run.id, position, { status: 'error', error: text });
      if ((step.onError ?? 'stop') === 'stop') return 'failed';
      hadErrors = true;
      continue;
    }
    steps[step.id] = { status: 'ok', result: result.structuredContent, text };
    await store.stepFinished(run.id, position, {
      status: 'ok',
      result: result.structuredContent,
      text,
    });
  }
  const status = hadErrors ? 'completed_with_errors' : 'completed';
  await progress(total, total, `Runbook ${runbook.id} finished: ${status}`);
  return status;
}

/**
 * Runs a recorded run to its end and stores its final status: steps in order, each a call of
 * its tool as the caller, with progress per step; a failing step stops the run or not as its
 * `onError` says; a cancelled signal cancels the current step and leaves the rest `not_run`, and
 * a cancel request (cancel_runbook_run) stops the run before its next step.
 * An unexpected failure (the database gone) marks the run failed and is thrown on.
 *
 * @example
 * await executeRun(runbook, { id: runId, input }, { callTool: ctx.callTool, signal: ctx.signal, progress: ctx.progress, store });
 */
export async function executeRun(
  runbook: RunbookDefinition,
  run: { readonly id: string; readonly input: Record<string, unknown> },
  driver: RunDriver,
): Promise<RunStatus> {
  let status: RunStatus = 'failed';
  try {
    status = await runSteps(runbook, run, driver);
    return status;
  } finally {
    await driver.store.finish(run.id, status);
    driver.onFinished?.(runbook.id, status);
  }
}
