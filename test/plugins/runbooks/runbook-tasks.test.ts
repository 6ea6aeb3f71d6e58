import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modernPost, type ModernAnswer } from '../../core/mcp/modern/support/modern-post.js';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { outcomes, waitFor, type Run } from './run-helpers.js';
import { startRunbooksServer, type RunbooksServer } from './runbooks-fixture.js';

const tasks = { extensions: { 'io.modelcontextprotocol/tasks': {} } };

/** A `tasks/get` answer, as far as these tests read it. */
interface Task {
  taskId: string;
  status: string;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  resultType: string;
  result?: {
    resultType: string;
    isError?: boolean;
    structuredContent: unknown;
    content: { text: string }[];
  };
}

describe.each(testEngines)('runbook runs as tasks (2026-07-28) on $engine', (engine) => {
  let s: RunbooksServer;
  let url: string;

  beforeAll(async () => {
    s = await startRunbooksServer(engine);
    url = s.t.urlOf('agent');
  });
  afterAll(() => s.close());

  const post = (
    method: string,
    params: Record<string, unknown>,
    options: { token?: string; capabilities?: Record<string, unknown> } = {},
  ): Promise<ModernAnswer> =>
    modernPost(url, options.token ?? 'sam-token', {
      method,
      params,
      capabilities: options.capabilities ?? tasks,
    });

  const startTask = async (tool: string, args: Record<string, unknown>): Promise<string> => {
    const { status, body } = await post('tools/call', { name: tool, arguments: args });
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ resultType: 'task', status: 'working', ttlMs: 86_400_000 });
    return String(body.result.taskId);
  };

  /** Polls tasks/get until the task leaves `working`. */
  const settled = (taskId: string): Promise<Task> =>
    waitFor(async () => {
      const { body } = await post('tasks/get', { taskId });
      const task = body.result as Task | undefined;
      return task?.status === 'working' ? undefined : task;
    });

  it('advertises the extension in server/discover, beside MCP Apps for its views', async () => {
    const { body } = await post('server/discover', {});
    expect(body.result.capabilities.extensions).toEqual({
      'io.modelcontextprotocol/ui': {},
      'io.modelcontextprotocol/tasks': {},
    });
  });

  it('answers a run with a task and completes it with the run the tool would have answered', async () => {
    const created = await post('tools/call', {
      name: 'run_raise_and_resolve',
      arguments: {
        summary: 'VPN keeps dropping every few minutes',
        details: 'Started as a task.',
        service: 'VPN and Remote Access',
      },
    });
    const task = created.body.result as Task & { pollIntervalMs: number };
    expect(task).toMatchObject({ resultType: 'task', status: 'working', pollIntervalMs: 1000 });
    expect(task.taskId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Date.parse(task.createdAt)).toBeLessThanOrEqual(Date.now());
    const done = await settled(task.taskId);
    expect(done).toMatchObject({
      resultType: 'complete',
      taskId: task.taskId,
      status: 'completed',
    });
    expect(done.result?.resultType).toBe('complete');
    expect(done.result?.isError).toBeUndefined();
    const run = done.result?.structuredContent as Run;
    expect(run.status).toBe('completed');
    expect(run.mode).toBe('start');
    expect(done.result?.content[0]?.text).toMatch(
      new RegExp(`^Run ${run.runId} of raise_and_resolve: completed`),
    );
    // The run is the stored one: the old tools read the same.
    const { out } = await call(s.sam, 'get_runbook_run', { runId: run.runId });
    expect(out).toEqual(run);
    expect(Date.parse(done.lastUpdatedAt)).toBeGreaterThanOrEqual(Date.parse(task.createdAt));
  });

  it('completes a run that failed at a step: a run result, not a failed task', async () => {
    const done = await settled(
      await startTask('run_fail_and_stop', { summary: 'Stop drill task' }),
    );
    expect(done.status).toBe('completed');
    expect(outcomes(done.result?.structuredContent as Run)).toEqual([
      'ticket:ok',
      'boom:error',
      'log_work:not_run',
    ]);
  });

  it('says which step runs, and cancels the run through tasks/cancel', async () => {
    const taskId = await startTask('run_slow_drill', { summary: 'Task cancel drill', seconds: 20 });
    const working = await waitFor(async () => {
      const task = (await post('tasks/get', { taskId })).body.result as Task;
      return /step 2 of 3 \(wait\) is running/.test(task.statusMessage ?? '') ? task : undefined;
    });
    expect(working.status).toBe('working');
    const cancel = await post('tasks/cancel', { taskId });
    expect(cancel.body.result).toMatchObject({ resultType: 'complete' });
    const ended = await settled(taskId);
    expect(ended).toMatchObject({ status: 'cancelled' });
    expect(ended.result).toBeUndefined();
    await s.t.server.audit.flush();
    const rows = await s.t.server.audit.query({ since: new Date(0), tool: 'run_slow_drill' });
    expect(rows.map((row) => row.outcome)).toEqual(expect.arrayContaining(['task', 'cancelled']));
  });

  it('keeps answering clients without the extension as before', async () => {
    const { body } = await post(
      'tools/call',
      { name: 'run_fail_and_stop', arguments: { summary: 'No tasks here' } },
      { capabilities: {} },
    );
    expect(body.result.resultType).toBe('complete');
    expect((body.result.structuredContent as Run).status).toBe('failed');
    const legacy = await call(s.sam, 'run_fail_and_stop', { summary: 'Legacy client' });
    expect((legacy.out as Run).mode).toBe('await');
  });

  it('refuses the task methods to a request without the extension (-32021, HTTP 400)', async () => {
    const taskId = await startTask('run_fail_and_stop', { summary: 'Capability drill' });
    const refused = await post('tasks/get', { taskId }, { capabilities: {} });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: -32021,
      data: {
        code: 'MCP_MISSING_CLIENT_CAPABILITY',
        requiredCapabilities: { extensions: { 'io.modelcontextprotocol/tasks': {} } },
      },
    });
  });

  it("answers someone else's, an unknown and an expired task alike: -32602, not found", async () => {
    const taskId = await startTask('run_fail_and_stop', { summary: 'Whose task' });
    for (const [params, token] of [
      [{ taskId }, 'tom-token'],
      [{ taskId: 'A'.repeat(32) }, 'sam-token'],
    ] as const) {
      for (const method of ['tasks/get', 'tasks/update', 'tasks/cancel']) {
        const { body } = await post(method, { ...params, inputResponses: {} }, { token });
        expect(body.error).toMatchObject({ code: -32602, data: { code: 'MCP_TASK_NOT_FOUND' } });
        expect(body.error.message).toMatch(/^Failed to retrieve task: no task /);
      }
    }
    await s.read((db) =>
      db
        .withTables<{ sdm_tasks: { expires_at: string } }>()
        .updateTable('sdm_tasks')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .execute(),
    );
    const expired = await post('tasks/get', { taskId });
    expect(expired.body.error).toMatchObject({ code: -32602, data: { code: 'MCP_TASK_EXPIRED' } });
  });

  it('acknowledges tasks/update, and checks the params of every task method', async () => {
    const taskId = await startTask('run_fail_and_stop', { summary: 'Update drill' });
    const update = await post('tasks/update', { taskId, inputResponses: { nothing: {} } });
    expect(update.body.result).toEqual({
      resultType: 'complete',
      _meta: { 'io.modelcontextprotocol/serverInfo': expect.any(Object) },
    });
    const noResponses = await post('tasks/update', { taskId });
    expect(noResponses.body.error).toMatchObject({
      code: -32602,
      message: /params\.inputResponses/,
    });
    const noId = await post('tasks/get', {});
    expect(noId.body.error).toMatchObject({ code: -32602, message: /params\.taskId/ });
  });
});
