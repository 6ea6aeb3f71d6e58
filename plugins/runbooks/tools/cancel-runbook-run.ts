import { z } from 'zod';
import { defineTool, ToolError, type PluginMessages } from '../../../core/index.js';
import type { BackgroundRuns } from '../background-runs.js';
import type { RunStore } from '../run-store.js';
import { runViewSchema, summarizeRun } from '../run-view.js';

/**
 * `cancel_runbook_run`: stops a running run the caller started (admins: any run). A background
 * run stops at once, its current step cancelled, on this instance or (told through
 * `ctx.messages`) on whichever instance runs it; a run someone is awaiting stops before its next
 * step. Steps already done stay done.
 *
 * @example
 * ctx.addTool(cancelRunbookRunTool({ store, background }));
 */
export function cancelRunbookRunTool(deps: {
  readonly store: RunStore;
  readonly background: BackgroundRuns;
  readonly messages: PluginMessages;
}) {
  return defineTool({
    name: 'cancel_runbook_run',
    title: 'Cancel a runbook run',
    description:
      'Stops a runbook run that is still running, by the run id a run_<runbook> tool returned. ' +
      'The step under way is cancelled where the run is in the background, ' +
      'otherwise the run stops before its next step; steps already done are not undone. Returns ' +
      'the run: status cancelled, or running with cancelRequestedAt until it reaches that point ' +
      '(follow it with get_runbook_run).',
    input: z.object({
      runId: z
        .uuid('runId must be the run id (a UUID) a run_<runbook> tool returned')
        .describe('The run id a run_<runbook> tool returned'),
    }),
    output: runViewSchema,
    scopes: ['runbooks:run'],
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    summarize: summarizeRun,
    handler: async ({ input, principal }) => {
      const stored = await deps.store.find(input.runId);
      // Someone else's run is "not found", so run ids cannot be probed.
      if (!stored || (stored.userId !== principal.userId && principal.role !== 'admin')) {
        throw new ToolError(
          `no runbook run ${input.runId} that you started; use the run id a run_<runbook> tool returned to you`,
        );
      }
      if (!(await deps.store.requestCancel(input.runId))) {
        const ended = (await deps.store.find(input.runId))?.view.status ?? stored.view.status;
        throw new ToolError(
          `run ${input.runId} has already ended (${ended}); there is nothing to cancel`,
        );
      }
      if (!(await deps.background.cancel(input.runId)))
        await deps.messages.send('cancel', input.runId);
      return (await deps.store.find(input.runId))?.view ?? stored.view;
    },
  });
}
