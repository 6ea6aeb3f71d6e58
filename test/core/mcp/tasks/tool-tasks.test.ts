import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  toolResult,
  ToolError,
  type TaskProgress,
  type TestServer,
} from '../../../../core/index.js';
import { call } from '../../../helpers/call-tool.js';
import { modernPost } from '../modern/support/modern-post.js';

const tasks = { extensions: { 'io.modelcontextprotocol/tasks': {} } };

/** The state each job reports, set by the test: a job is its name. */
const jobs = new Map<string, TaskProgress<unknown> | undefined>();
const cancelled: string[] = [];
/** The answers each job was handed through tasks/update. */
const answered = new Map<string, Readonly<Record<string, unknown>>[]>();
const at = new Date('2026-12-01T10:00:00Z');

const job = defineTool({
  name: 'job',
  title: 'Job',
  description: 'Test tool: long work whose state the test sets.',
  input: z.object({ name: z.string() }),
  output: z.object({ done: z.string() }),
  scopes: ['jobs:run'],
  handler: ({ input }) => ({ done: input.name }),
  task: {
    start: ({ input }) => {
      if (input.name === 'refused') throw new ToolError('this job cannot start: refused');
      jobs.set(input.name, { status: 'working', message: 'queued', updatedAt: at });
      return Promise.resolve(input.name);
    },
    // The test also stores outputs that break the schema, to see the core catch them.
    state: (ref) => Promise.resolve(jobs.get(ref) as never),
    cancel: (ref) => {
      cancelled.push(ref);
      return Promise.resolve();
    },
    respond: (ref, answers) => {
      answered.set(ref, [...(answered.get(ref) ?? []), answers]);
      return Promise.resolve();
    },
    pollIntervalMs: 250,
  },
});

/** A tool that calls `job` itself: a nested call is never a task. */
const twice = defineTool({
  name: 'job_twice',
  title: 'Job twice',
  description: 'Test tool: calls job.',
  input: z.object({}),
  scopes: ['jobs:run'],
  calls: ['job'],
  handler: async ({ callTool }) =>
    JSON.stringify((await callTool('job', { name: 'nested' })).structuredContent),
});

const jobsPlugin = definePlugin({
  id: 'jobs',
  version: '1.0.0',
  scopes: { 'jobs:run': 'Run jobs' },
  tools: [job, twice],
});

describe('the tool task contract (core)', () => {
  let t: TestServer;
  let url: string;

  beforeAll(async () => {
    t = await startTestServer({
      plugins: [jobsPlugin],
      collections: [
        defineCollection({
          id: 'jobs',
          title: 'Jobs',
          plugins: ['jobs'],
          grant: ['jobs:run'],
          auth: 'none',
        }),
        defineCollection({
          id: 'other',
          title: 'Other',
          path: '/mcp/other',
          plugins: ['jobs'],
          grant: ['jobs:run'],
          auth: 'none',
        }),
      ],
    });
    url = t.urlOf('jobs');
  });
  afterAll(() => t.close());

  const post = (method: string, params: Record<string, unknown>, where = url) =>
    modernPost(where, 'none', { method, params, capabilities: tasks });

  const start = async (name: string): Promise<string> => {
    const { body } = await post('tools/call', { name: 'job', arguments: { name } });
    expect(body.result).toMatchObject({
      resultType: 'task',
      status: 'working',
      pollIntervalMs: 250,
    });
    return String(body.result.taskId);
  };

  it('reports working with the message and the time the work last changed', async () => {
    const taskId = await start('steady');
    const { body } = await post('tasks/get', { taskId });
    expect(body.result).toMatchObject({
      status: 'working',
      statusMessage: 'queued',
      pollIntervalMs: 250,
    });
    // The work's own time is older than the task: the task's creation counts instead.
    expect(body.result.lastUpdatedAt).toBe(body.result.createdAt);
  });

  it('sends a failure of the work as a failed task with its JSON-RPC error', async () => {
    const taskId = await start('crash');
    jobs.set('crash', { status: 'failed', message: 'the worker stopped', updatedAt: new Date() });
    const { body } = await post('tasks/get', { taskId });
    expect(body.result).toMatchObject({
      status: 'failed',
      statusMessage: 'the worker stopped',
      error: { code: -32603, message: 'the worker stopped', data: { code: 'MCP_TASK_FAILED' } },
    });
    expect(body.result.result).toBeUndefined();
  });

  it('completes with the shaped tool result: output checked, tool errors as isError', async () => {
    const good = await start('good');
    jobs.set('good', { status: 'completed', output: { done: 'good' }, updatedAt: new Date() });
    expect((await post('tasks/get', { taskId: good })).body.result.result).toEqual({
      resultType: 'complete',
      content: [{ type: 'text', text: '{"done":"good"}' }],
      structuredContent: { done: 'good' },
    });
    const toolError = await start('tool-error');
    jobs.set('tool-error', {
      status: 'completed',
      output: toolResult({ content: [{ type: 'text', text: 'no such printer' }], isError: true }),
      updatedAt: new Date(),
    });
    expect((await post('tasks/get', { taskId: toolError })).body.result).toMatchObject({
      status: 'completed',
      result: { isError: true, content: [{ text: 'no such printer' }] },
    });
    const wrong = await start('wrong');
    jobs.set('wrong', { status: 'completed', output: { done: 42 }, updatedAt: new Date() });
    expect((await post('tasks/get', { taskId: wrong })).body.result.result).toMatchObject({
      isError: true,
      content: [{ text: /does not match its declared output/ }],
    });
  });

  it('answers a refused start as a tool error, with no task', async () => {
    const { body } = await post('tools/call', { name: 'job', arguments: { name: 'refused' } });
    expect(body.result).toMatchObject({
      resultType: 'complete',
      isError: true,
      content: [{ text: 'this job cannot start: refused' }],
    });
  });

  it('passes tasks/cancel to the work, and says "not found" once the work is gone', async () => {
    const taskId = await start('to-cancel');
    await post('tasks/cancel', { taskId });
    expect(cancelled).toContain('to-cancel');
    jobs.set('to-cancel', undefined);
    const { body } = await post('tasks/get', { taskId });
    expect(body.error).toMatchObject({ code: -32602, data: { code: 'MCP_TASK_NOT_FOUND' } });
  });

  it('shows the questions a waiting task asks, and hands it only valid answers to open ones', async () => {
    const taskId = await start('asks');
    const question = {
      method: 'elicitation/create',
      params: {
        mode: 'form',
        message: 'Go on?',
        requestedSchema: { type: 'object', properties: {} },
      },
    } as const;
    jobs.set('asks', {
      status: 'input_required',
      inputRequests: { go_on: question },
      updatedAt: new Date(),
    });
    const waiting = await post('tasks/get', { taskId });
    expect(waiting.body.result).toMatchObject({
      status: 'input_required',
      inputRequests: { go_on: question },
    });
    const bad = await post('tasks/update', {
      taskId,
      inputResponses: { go_on: { action: 'maybe' } },
    });
    expect(bad.body.error).toMatchObject({
      code: -32602,
      message: /inputResponses\.go_on is not a valid elicitation\/create result/,
    });
    const stray = await post('tasks/update', {
      taskId,
      inputResponses: { never_asked: { action: 'accept' } },
    });
    expect(stray.body.result).toMatchObject({ resultType: 'complete' });
    expect(answered.get('asks')).toBeUndefined();
    const good = await post('tasks/update', {
      taskId,
      inputResponses: {
        go_on: { action: 'accept', content: {} },
        never_asked: { action: 'accept' },
      },
    });
    expect(good.body.result).toMatchObject({ resultType: 'complete' });
    expect(answered.get('asks')).toEqual([{ go_on: { action: 'accept', content: {} } }]);
  });

  it("tolerates the 2025-11-25 'task' param on a 2026-07-28 call", async () => {
    const { body } = await post('tools/call', {
      name: 'job',
      arguments: { name: 'hinted' },
      task: { ttl: 1000 },
    });
    expect(body.result).toMatchObject({ resultType: 'task', status: 'working' });
  });

  it('keeps a task to the collection that made it', async () => {
    const taskId = await start('here');
    const elsewhere = await post('tasks/get', { taskId }, t.urlOf('other'));
    expect(elsewhere.body.error).toMatchObject({
      code: -32602,
      data: { code: 'MCP_TASK_NOT_FOUND' },
    });
  });

  it('never makes a task of a nested call, nor for a 2025-11-25 client', async () => {
    const { body } = await post('tools/call', { name: 'job_twice', arguments: {} });
    expect(body.result).toMatchObject({
      resultType: 'complete',
      content: [{ text: '{"done":"nested"}' }],
    });
    const legacy = await call(t.clients['jobs']!, 'job', { name: 'legacy' });
    expect(legacy.out).toEqual({ done: 'legacy' });
  });

  it('checks Mcp-Name against params.taskId', async () => {
    const taskId = await start('named');
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tasks/get',
        'mcp-name': 'another-task',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tasks/get',
        params: {
          taskId,
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientCapabilities': tasks,
          },
        },
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code: -32020 });
  });
});
