import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ClientCapabilityRequired,
  defineTool,
  toolResult,
  tasksCapability,
  tasksExtension,
  type TaskInputRequest,
  type TaskProgress,
  type ToolResult,
  type ToolTasks,
} from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** What a fixture job ends with: text, or a tool error. */
type Output = string | ToolResult;
type Progress = TaskProgress<Output>;

/** One fixture job, kept in memory: the conformance suite talks to one process. */
interface Job {
  progress: Progress;
  timer?: NodeJS.Timeout;
  /** What the job does with the answers to its open questions. */
  onAnswers?: (answers: Readonly<Record<string, unknown>>) => void;
}

const onlyAsTask = (tool: string) =>
  new ClientCapabilityRequired(
    tasksCapability,
    `${tool} runs only as a task: declare "${tasksExtension}" in the request's clientCapabilities.extensions`,
  );

const confirmQuestion = (filename: string): TaskInputRequest => ({
  method: 'elicitation/create',
  params: {
    mode: 'form',
    message: `Delete ${filename}?`,
    requestedSchema: {
      type: 'object',
      properties: { confirm: { type: 'boolean' } },
      required: ['confirm'],
    },
  },
});

/**
 * The Tasks-extension fixtures of the conformance suite (SEP-2663 scenarios): `greet` (never a
 * task), `slow_compute` (a task of `seconds`), `failing_job` (a task only, ending in a tool
 * error), `protocol_error_job` (a task that fails), `confirm_delete` and `multi_input` (tasks
 * that wait for answers through `tasks/update`), and `test_tool_with_task` (asks by MRTR, then
 * becomes a task). Jobs live in memory, which suits a fixture served by one process; real work
 * keeps its state in the database, as runbook runs do.
 *
 * @example
 * const { tools, close } = taskFixtures();
 */
export function taskFixtures() {
  const jobs = new Map<string, Job>();
  const settle = (job: Job, progress: Progress): void => {
    if (job.progress.status === 'working' || job.progress.status === 'input_required')
      job.progress = progress;
  };
  /** A job that ends as `end` says after `ms`, unless cancelled first. */
  const later = (ms: number, end: () => Progress): string => {
    const id = randomUUID();
    const job: Job = { progress: { status: 'working', updatedAt: new Date() } };
    job.timer = setTimeout(() => settle(job, end()), ms).unref();
    jobs.set(id, job);
    return id;
  };
  /** A job that asks `questions` at once and ends with what `finish` makes of every answer. */
  const asking = (
    questions: Record<string, TaskInputRequest>,
    finish: (answers: Record<string, unknown>) => string,
  ): string => {
    const id = randomUUID();
    const open = { ...questions };
    const answers: Record<string, unknown> = {};
    const job: Job = {
      progress: { status: 'input_required', inputRequests: { ...open }, updatedAt: new Date() },
      onAnswers: (given) => {
        for (const [key, answer] of Object.entries(given)) {
          answers[key] = answer;
          delete open[key];
        }
        const remaining = Object.keys(open).length > 0;
        job.progress = remaining
          ? { status: 'input_required', inputRequests: { ...open }, updatedAt: new Date() }
          : { status: 'working', message: 'answers received', updatedAt: new Date() };
        if (!remaining)
          job.timer = setTimeout(() => settle(job, done(finish(answers))), 100).unref();
      },
    };
    jobs.set(id, job);
    return id;
  };
  const done = (text: string): Progress => ({
    status: 'completed',
    output: text,
    updatedAt: new Date(),
  });
  const contract = <I>(start: (ctx: { input: I }) => Promise<string>): ToolTasks<I, Output> => ({
    start,
    state: (id) => Promise.resolve(jobs.get(id)?.progress),
    cancel: (id) => {
      const job = jobs.get(id);
      if (job) {
        clearTimeout(job.timer);
        settle(job, {
          status: 'cancelled',
          message: 'cancelled by the client',
          updatedAt: new Date(),
        });
      }
      return Promise.resolve();
    },
    respond: (id, answers) => {
      jobs.get(id)?.onAnswers?.(answers);
      return Promise.resolve();
    },
    pollIntervalMs: 200,
  });
  const tool = <I extends z.ZodObject>(name: string, description: string, input: I) => ({
    name,
    title: name,
    description,
    input,
    scopes: [conformanceScope],
  });

  const tools = [
    defineTool({
      ...tool('greet', 'Greets by name, at once (never a task)', z.object({ name: z.string() })),
      handler: ({ input }) => `Hello, ${input.name}!`,
    }),
    defineTool({
      ...tool(
        'slow_compute',
        'Computes for `seconds` seconds; a task for clients that take tasks',
        z.object({ seconds: z.number().min(0).max(600), label: z.string().optional() }),
      ),
      handler: async ({ input, signal }) => {
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, input.seconds * 1000);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve(undefined)));
        });
        return `Computed ${input.label ?? 'result'} in ${input.seconds} s`;
      },
      task: contract((ctx: { input: { seconds: number; label?: string } }) =>
        Promise.resolve(
          later(ctx.input.seconds * 1000, () =>
            done(`Computed ${ctx.input.label ?? 'result'} in ${ctx.input.seconds} s`),
          ),
        ),
      ),
    }),
    defineTool({
      ...tool('failing_job', 'A task only: ends in a tool error after a second', z.object({})),
      handler: () => Promise.reject(onlyAsTask('failing_job')),
      task: contract(() =>
        Promise.resolve(
          later(1000, () => ({
            status: 'completed',
            output: toolResult({
              content: [{ type: 'text', text: 'the job failed' }],
              isError: true,
            }),
            updatedAt: new Date(),
          })),
        ),
      ),
    }),
    defineTool({
      ...tool('protocol_error_job', 'A task whose work fails outright', z.object({})),
      handler: () => Promise.reject(new Error('protocol_error_job crashed')),
      task: contract(() =>
        Promise.resolve(
          later(500, () => ({
            status: 'failed',
            message: 'the job crashed',
            updatedAt: new Date(),
          })),
        ),
      ),
    }),
    defineTool({
      ...tool(
        'confirm_delete',
        'A task that asks to confirm before it deletes',
        z.object({ filename: z.string() }),
      ),
      handler: () => Promise.reject(onlyAsTask('confirm_delete')),
      task: contract((ctx: { input: { filename: string } }) =>
        Promise.resolve(
          asking({ confirm: confirmQuestion(ctx.input.filename) }, (answers) =>
            (answers['confirm'] as { action?: string }).action === 'accept'
              ? `Deleted ${ctx.input.filename}`
              : `Kept ${ctx.input.filename}`,
          ),
        ),
      ),
    }),
    defineTool({
      ...tool('multi_input', 'A task that asks two questions at once', z.object({})),
      handler: () => Promise.reject(onlyAsTask('multi_input')),
      task: contract(() =>
        Promise.resolve(
          asking(
            { first: confirmQuestion('first.txt'), second: confirmQuestion('second.txt') },
            () => 'Both questions answered',
          ),
        ),
      ),
    }),
    defineTool({
      ...tool(
        'test_tool_with_task',
        'Asks a name by MRTR, then works on it as a task',
        z.object({}),
      ),
      handler: () => Promise.reject(onlyAsTask('test_tool_with_task')),
      task: {
        ...contract(() => Promise.resolve('')),
        start: async (ctx) => {
          const answer = await ctx.elicit?.(
            {
              message: 'What is your name?',
              requestedSchema: {
                type: 'object',
                properties: { name: { type: 'string' } },
                required: ['name'],
              },
            },
            { key: 'user_name' },
          );
          const name = String(answer?.content?.['name'] ?? 'stranger');
          return later(200, () => done(`Hello, ${name}! (gathered before the task started)`));
        },
      },
    }),
  ];
  return {
    tools,
    close(): void {
      for (const job of jobs.values()) clearTimeout(job.timer);
      jobs.clear();
    },
  };
}
