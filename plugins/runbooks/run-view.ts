import { z } from 'zod';
import type { RunbookTables } from './schema.js';

const runStatuses = [
  'running',
  'completed',
  'completed_with_errors',
  'failed',
  'cancelled',
  'interrupted',
] as const;
const stepStatuses = ['not_run', 'running', 'ok', 'error', 'skipped', 'cancelled'] as const;

/**
 * A run as `run_<id>` and `get_runbook_run` return it: its status and every step's outcome.
 *
 * @example
 * defineTool({ name: 'get_runbook_run', output: runViewSchema, ... })
 */
export const runViewSchema = z.object({
  runId: z.string().describe('Pass to get_runbook_run to read the run again'),
  runbook: z.string(),
  mode: z.enum(['await', 'start']),
  status: z
    .enum(runStatuses)
    .describe(
      'running; completed; completed_with_errors (a step with onError continue failed); failed ' +
        '(a step failed and the run stopped); cancelled; interrupted (the server shut down)',
    ),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  cancelRequestedAt: z
    .string()
    .optional()
    .describe('When cancel_runbook_run asked the run to stop (it stops before its next step)'),
  steps: z.array(
    z.object({
      id: z.string(),
      tool: z.string(),
      status: z
        .enum(stepStatuses)
        .describe('ok, error, skipped (its condition was false), cancelled, not_run or running'),
      error: z.string().optional().describe("The tool's error text, for a step that failed"),
      text: z.string().optional().describe("The tool's text answer (cut at 4,000 characters)"),
      result: z
        .record(z.string(), z.unknown())
        .optional()
        .describe("The tool's structured output (left out when over 16,000 characters as JSON)"),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
    }),
  ),
});

/** @see runViewSchema */
export type RunView = z.output<typeof runViewSchema>;

type RunRow = RunbookTables['runbook_runs'];
type StepRow = RunbookTables['runbook_steps'];

/**
 * Builds the view from stored rows (steps in position order).
 *
 * @example
 * toRunView(runRow, stepRows).status // 'completed'
 */
export function toRunView(run: RunRow, steps: readonly StepRow[]): RunView {
  return {
    runId: run.id,
    runbook: run.runbook,
    mode: run.mode === 'start' ? 'start' : 'await',
    status: run.status,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    ...(run.cancel_requested_at !== null && { cancelRequestedAt: run.cancel_requested_at }),
    steps: steps.map((step) => ({
      id: step.step_id,
      tool: step.tool,
      status: step.status,
      ...(step.error !== null && { error: step.error }),
      ...(step.text !== null && { text: step.text }),
      ...(step.result !== null && { result: JSON.parse(step.result) as Record<string, unknown> }),
      startedAt: step.started_at,
      finishedAt: step.finished_at,
    })),
  };
}

/**
 * One line per step, for the text content a model reads.
 *
 * @example
 * summarizeRun(view) // 'Run … of raise_and_resolve: completed\n1. ticket (create_ticket): ok — …'
 */
export function summarizeRun(view: RunView): string {
  const lines = view.steps.map((step, i) => {
    const detail = step.error ?? step.text?.split('\n')[0] ?? '';
    return `${i + 1}. ${step.id} (${step.tool}): ${step.status}${detail ? ` — ${detail.slice(0, 300)}` : ''}`;
  });
  return [`Run ${view.runId} of ${view.runbook}: ${view.status}`, ...lines].join('\n');
}
