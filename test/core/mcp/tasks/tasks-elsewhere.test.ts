import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFreshPostgresDatabase,
  type FreshDatabase,
} from '../../../helpers/fresh-postgres-database.js';
import { metaKeys, postModern } from '../../../helpers/modern-request.js';
import { sseMessages } from '../../../helpers/sse-messages.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { outcomes, waitFor, type Run } from '../../../plugins/runbooks/run-helpers.js';
import {
  startRunbooksServer,
  type RunbooksServer,
} from '../../../plugins/runbooks/runbooks-fixture.js';
import { modernPost } from '../modern/support/modern-post.js';

const tasks = { extensions: { 'io.modelcontextprotocol/tasks': {} } };
const postgres = testEngines.find((engine) => engine.engine === 'postgres')!;

/** What a task method answered, as far as these tests read it. */
interface TaskAnswer {
  taskId: string;
  status: string;
  result?: { structuredContent: Run };
}

describe('tasks made on one instance, followed on another (PostgreSQL, no stickiness)', () => {
  let database: FreshDatabase;
  let a: RunbooksServer;
  let b: RunbooksServer;

  beforeAll(async () => {
    database = await createFreshPostgresDatabase();
    a = await startRunbooksServer(postgres, { database });
    b = await startRunbooksServer(postgres, { database });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await database.drop();
  });

  /** Posts as the user with this token name, declaring the Tasks extension. */
  const as =
    (token: string) => (s: RunbooksServer, method: string, params: Record<string, unknown>) =>
      modernPost(s.t.urlOf('agent'), `${token}-token`, { method, params, capabilities: tasks });
  const on = as('sam');

  const startOn = async (s: RunbooksServer, tool: string, args: Record<string, unknown>) => {
    const { body } = await on(s, 'tools/call', { name: tool, arguments: args });
    expect(body.result).toMatchObject({ resultType: 'task', status: 'working' });
    return String(body.result.taskId);
  };

  const listenOn = (s: RunbooksServer, taskIds: string[], capabilities: object = tasks) =>
    postModern(s.t.urlOf('agent'), {
      method: 'subscriptions/listen',
      id: 'listen-1',
      params: { notifications: { taskIds } },
      meta: { [metaKeys.clientCapabilities]: capabilities },
      headers: { authorization: 'Bearer sam-token' },
    });

  it('answers tasks/get on B for a run A started, through to its result', async () => {
    const taskId = await startOn(a, 'run_fail_and_stop', { summary: 'Made on A' });
    const done = await waitFor(async () => {
      const task = (await on(b, 'tasks/get', { taskId })).body.result as TaskAnswer;
      return task.status === 'working' ? undefined : task;
    });
    expect(done.status).toBe('completed');
    expect(outcomes(done.result!.structuredContent)).toEqual([
      'ticket:ok',
      'boom:error',
      'log_work:not_run',
    ]);
  });

  it('cancels on B a run working on A: it stops before its next step', async () => {
    const taskId = await startOn(a, 'run_slow_drill', { summary: 'Cancel from B', seconds: 1 });
    const cancel = await on(b, 'tasks/cancel', { taskId });
    expect(cancel.body.result).toMatchObject({ resultType: 'complete' });
    const ended = await waitFor(async () => {
      const task = (await on(b, 'tasks/get', { taskId })).body.result as TaskAnswer;
      return task.status === 'working' ? undefined : task;
    });
    expect(ended.status).toBe('cancelled');
  });

  it("streams notifications/tasks on B for the caller's own task running on A", async () => {
    const mine = await startOn(a, 'run_slow_drill', { summary: 'Listen from B', seconds: 1 });
    // Tom's task, on the same collection: Sam's stream must not acknowledge it.
    const { body } = await as('tom')(a, 'tools/call', {
      name: 'run_fail_and_stop',
      arguments: { summary: "Tom's task" },
    });
    const tomTask = String(body.result.taskId);
    const response = await listenOn(b, [mine, tomTask, 'no-such-task']);
    expect(response.status).toBe(200);
    const seen = await sseMessages(response, (messages) =>
      messages.some(
        (m) =>
          m['method'] === 'notifications/tasks' && (m['params'] as TaskAnswer).status !== 'working',
      ),
    );
    expect(seen[0]).toMatchObject({
      method: 'notifications/subscriptions/acknowledged',
      params: { notifications: { taskIds: [mine] } },
    });
    const updates = seen
      .filter((m) => m['method'] === 'notifications/tasks')
      .map((m) => m['params'] as TaskAnswer & { _meta: Record<string, unknown> });
    expect(updates.every((task) => task.taskId === mine)).toBe(true);
    expect(updates[0]!.status).toBe('working');
    const last = updates.at(-1)!;
    expect(last.status).toBe('completed');
    expect(last.result!.structuredContent.status).toBe('completed');
    expect(last._meta['io.modelcontextprotocol/subscriptionId']).toBe('listen-1');
  });

  it('refuses task notifications to a listen request without the extension (-32021)', async () => {
    const response = await listenOn(b, ['any-task'], {});
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      id: 'listen-1',
      error: {
        code: -32021,
        data: { requiredCapabilities: { extensions: { 'io.modelcontextprotocol/tasks': {} } } },
      },
    });
  });
});
