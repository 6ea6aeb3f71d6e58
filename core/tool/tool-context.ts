import type {
  CallToolResult,
  ElicitRequestFormParams,
  ElicitResult,
  CreateMessageRequestParams,
  CreateMessageResult,
  ListRootsResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../auth/principal.js';
import type { ServiceLocator } from '../plugin/service-ref.js';
import type { Database } from '../storage/database.js';
import type { Logger } from '../log/logger.js';

/** Logs to the server log and, above the client's chosen level, to the client as notifications. */
export interface ToolLogger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warning(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** Reports progress to a client that asked for it (a no-op otherwise). */
export type ProgressReporter = (
  progress: number,
  total?: number,
  message?: string,
) => Promise<void>;

/** Options of {@link ToolContext.callTool}. */
export interface NestedCallOptions {
  /** Receives the called tool's progress notifications instead of the client. */
  readonly onProgress?: ProgressReporter;
  /**
   * Cancels the called tool instead of the caller's own signal — for work that outlives the
   * request, such as a runbook run started in the background.
   */
  readonly signal?: AbortSignal;
}

/**
 * Calls another tool of the same collection as the same caller, with the caller's own scopes
 * (a tool cannot reach what its caller could not call), under the caller's cancellation, audited
 * as its own call. An unknown or forbidden tool, bad arguments or a failure come back as an
 * `isError` result, never as an exception.
 */
export type NestedToolCaller = (
  name: string,
  args: Record<string, unknown>,
  options?: NestedCallOptions,
) => Promise<CallToolResult>;

/**
 * How one question to the client is asked.
 *
 * @example
 * await ctx.elicit?.({ message: 'Your name?', requestedSchema }, { key: 'user_name' });
 */
export interface AskOptions {
  /**
   * The question's name, unique within the call: a 2026-07-28 client answers it under this key
   * in `inputResponses` (`ask-0`, `ask-1`… in asking order otherwise). Ignored on a 2025-11-25
   * session, where each question is its own request.
   */
  readonly key?: string;
}

/**
 * The one argument a tool handler receives. `input` is already validated and typed from the
 * tool's zod schema; `principal` carries the effective scopes.
 *
 * @example
 * handler: async ({ input, principal, progress }) => { await progress(1, 2); ... }
 */
export interface ToolContext<TInput> {
  readonly input: TInput;
  readonly principal: Principal;
  readonly db: Database;
  readonly services: ServiceLocator;
  readonly log: ToolLogger;
  readonly progress: ProgressReporter;
  /** Aborted when the client cancels the call, disconnects, or the server shuts down. */
  readonly signal: AbortSignal;
  /**
   * Present where the client can be asked and supports form elicitation: a stateful 2025-11-25
   * session, or a 2026-07-28 request that declares it (asked by MRTR).
   */
  readonly elicit?: (
    params: Omit<ElicitRequestFormParams, 'mode'>,
    options?: AskOptions,
  ) => Promise<ElicitResult>;
  /** Present where the client can be asked and supports sampling (as for `elicit`). */
  readonly sample?: (
    params: CreateMessageRequestParams,
    options?: AskOptions,
  ) => Promise<CreateMessageResult>;
  /** Present where the client can be asked and exposes roots (its workspace folders). */
  readonly listRoots?: (options?: AskOptions) => Promise<ListRootsResult>;
  /**
   * Stateful collections only: ends the event stream carrying this call now, while the call goes
   * on — for long work behind proxies that cut quiet connections. The client reconnects with
   * `Last-Event-ID` and receives the rest. Returns false (doing nothing) when the reply is not a
   * resumable event stream (the client did not accept one).
   */
  readonly closeStream?: () => boolean;
  /**
   * Calls another tool of this collection as the caller (see {@link NestedToolCaller}); list it
   * in the tool's `calls` so a collection without it fails at startup.
   *
   * @example
   * const found = await ctx.callTool('search_knowledge_base', { query: 'vpn' });
   */
  readonly callTool: NestedToolCaller;
  /** The server's own structured log (never sent to the client). */
  readonly serverLog: Logger;
}
