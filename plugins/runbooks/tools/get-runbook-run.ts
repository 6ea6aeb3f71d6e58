import { z } from 'zod';
import { defineTool, ToolError } from '../../../core/index.js';
import type { RunStore } from '../run-store.js';
import { runViewSchema, summarizeRun } from '../run-view.js';

/**
 * `get_runbook_run`: a run's status and step outcomes, for the caller who started it (admins and
 * holders of `runbooks:read:all` see every run).
 *
 * @example
 * ctx.addTool(getRunbookRunTool(store));
 */
export function getRunbookRunTool(store: RunStore) {
  return defineTool({
    name: 'get_runbook_run',
    title: 'Get a runbook run',
    description:
      'Returns a runbook run by the run id a run_<runbook> tool returned: its status (running, ' +
      'completed, completed_with_errors, failed, cancelled, interrupted), its start and end, and ' +
      "every step's outcome with the tool's result or error. Use it to follow a run started with " +
      'mode start: call again while the status is running.',
    input: z.object({
      runId: z
        .uuid('runId must be the run id (a UUID) a run_<runbook> tool returned')
        .describe('The run id a run_<runbook> tool returned'),
    }),
    output: runViewSchema,
    scopes: ['runbooks:read:own'],
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    summarize: summarizeRun,
    handler: async ({ input, principal }) => {
      const stored = await store.find(input.runId);
      const visible =
        stored !== undefined &&
        (stored.userId === principal.userId ||
          principal.role === 'admin' ||
          principal.scopes.has('runbooks:read:all'));
      // Someone else's run is "not found", so run ids cannot be probed.
      if (!stored || !visible) {
        throw new ToolError(
          `no runbook run ${input.runId} that you started; use the run id a run_<runbook> tool returned to you`,
        );
      }
      return stored.view;
    },
  });
}
