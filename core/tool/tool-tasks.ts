import type { ToolContext } from './tool-context.js';

/** A question a task puts to the client: an elicitation form, a sampling request, its roots. */
export interface TaskInputRequest {
  readonly method: 'elicitation/create' | 'sampling/createMessage' | 'roots/list';
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * Where a tool's long work stands, read from its stored state so any server instance can say.
 * `updatedAt` is when that state last changed.
 */
export type TaskProgress<TOutput = unknown> =
  | { readonly status: 'working'; readonly message?: string; readonly updatedAt: Date }
  /** Waiting for the client: the questions still open, by a key unique over the task's life. */
  | {
      readonly status: 'input_required';
      readonly inputRequests: Readonly<Record<string, TaskInputRequest>>;
      readonly message?: string;
      readonly updatedAt: Date;
    }
  /** Done: `output` is what the handler would have returned (a value, a `toolResult`, an error result). */
  | {
      readonly status: 'completed';
      readonly output: TOutput;
      readonly message?: string;
      readonly updatedAt: Date;
    }
  /** The work could not finish for a reason outside it (its server stopped): not a tool error. */
  | { readonly status: 'failed'; readonly message: string; readonly updatedAt: Date }
  | { readonly status: 'cancelled'; readonly message?: string; readonly updatedAt: Date };

/**
 * How a tool hands its work back as a task (the MCP 2026-07-28 Tasks extension,
 * `io.modelcontextprotocol/tasks`, ADR 0029). A client that declares the extension on its
 * `tools/call` gets a task at once; the core keeps the task's owner, collection and expiry and
 * asks `state` whenever the client polls, so the work's own store is the truth. Clients without
 * the extension keep getting the handler's answer.
 *
 * @example
 * defineTool({ ...,
 *   handler: (ctx) => runAndWait(ctx),
 *   task: {
 *     start: (ctx) => startInBackground(ctx),          // returns the run id
 *     state: async (runId) => progressOf(await runs.find(runId)),
 *     cancel: (runId) => runs.requestCancel(runId),
 *   },
 * });
 */
export interface ToolTasks<TInput = unknown, TOutput = unknown> {
  /**
   * Begins the work so that it goes on after this request, and returns the reference its state
   * is stored under (a run id). Checks and writes done here are the call's: throw `ToolError`
   * to answer with a tool error and no task.
   */
  start(ctx: ToolContext<TInput>): Promise<string>;
  /** The work's state; undefined when it is gone from the store. */
  state(ref: string): Promise<TaskProgress<TOutput> | undefined>;
  /** Asks the work to stop. Cooperative: work already done stays done. */
  cancel(ref: string): Promise<void>;
  /**
   * Takes the client's answers to questions the work asked (`input_required`): only keys still
   * open, each checked against its method's result schema. Without it, a task never waits.
   */
  respond?(ref: string, answers: Readonly<Record<string, unknown>>): Promise<void>;
  /** How often a client should poll, in ms (1000 by default). */
  readonly pollIntervalMs?: number;
}
