import { resultFromTaskOutcome } from '@modelcontextprotocol/ext-tasks/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../helpers/call-tool.js';
import { openTasksSession, type TasksSession } from '../../../helpers/tasks-session.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { waitFor, type Run } from '../../../plugins/runbooks/run-helpers.js';
import {
  startRunbooksServer,
  type RunbooksServer,
} from '../../../plugins/runbooks/runbooks-fixture.js';

/** The stored run behind a task, as the old tools read it. */
async function storedRun(s: RunbooksServer, runId: string): Promise<Run> {
  return (await call(s.sam, 'get_runbook_run', { runId })).out as Run;
}

describe.each(testEngines)(
  'the ext-tasks client (io.modelcontextprotocol/tasks) on $engine',
  (engine) => {
    let s: RunbooksServer;
    let tasks: TasksSession;

    beforeAll(async () => {
      s = await startRunbooksServer(engine);
      tasks = await openTasksSession({ url: new URL(s.t.urlOf('agent')), token: 'sam-token' });
    });
    afterAll(async () => {
      await tasks.close();
      await s.close();
    });

    it('runs a runbook as a task and settles with the run the tool answers', async () => {
      const execution = await tasks.session.callTool('run_raise_and_resolve', {
        summary: 'VPN drops every few minutes since this morning',
        details: 'Run by the ext-tasks client.',
        service: 'VPN and Remote Access',
      });
      expect(execution.kind).toBe('task');
      const seen: string[] = [];
      const { outcome } = await execution.settle({
        onEvent: (event) => {
          if (event.type === 'task') seen.push(event.task.status);
        },
      });
      expect(outcome.status).toBe('completed');
      expect(seen.at(-1)).toBe('completed');
      const result = resultFromTaskOutcome(outcome) as unknown as {
        structuredContent: Run;
        isError?: boolean;
      };
      expect(result.isError).toBeUndefined();
      expect(result.structuredContent.status).toBe('completed');
      expect(await storedRun(s, result.structuredContent.runId)).toEqual(result.structuredContent);
    });

    it('cancels a running task, and the stored run ends cancelled', async () => {
      const execution = await tasks.session.callTool('run_slow_drill', {
        summary: 'ext-tasks cancel drill',
        seconds: 20,
      });
      expect(execution.kind).toBe('task');
      const taskId = execution.handle?.taskId;
      expect(taskId).toEqual(expect.any(String));
      await execution.cancel();
      const { outcome } = await execution.settle();
      expect(outcome.status).toBe('cancelled');
      // The client stops polling at the acknowledgement; the server's own state says where the run went.
      const rows = await waitFor(async () => {
        const found = await s.read((db) =>
          db
            .withTables<{ runbook_runs: { id: string; status: string; runbook: string } }>()
            .selectFrom('runbook_runs')
            .select(['id', 'status'])
            .where('runbook', '=', 'slow_drill')
            .where('status', '=', 'cancelled')
            .execute(),
        );
        return found.length > 0 ? found : undefined;
      });
      expect(rows).toHaveLength(1);
    });

    it('gives the 1.x client on the same URL the answer it always had', async () => {
      const { out, isError } = await call(s.sam, 'run_fail_and_stop', { summary: 'Old client' });
      expect(isError).toBe(false);
      expect((out as Run).status).toBe('failed');
    });
  },
);
