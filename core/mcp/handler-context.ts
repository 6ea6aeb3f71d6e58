import {
  CreateMessageResultSchema,
  ElicitResultSchema,
  ListRootsResultSchema,
  type CreateMessageResult,
  type ElicitResult,
  type ListRootsResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../auth/principal.js';
import type { Logger } from '../log/logger.js';
import type { CompiledTool } from '../tool/compile-tool.js';
import type { NestedToolCaller, ToolContext } from '../tool/tool-context.js';
import type { CallScope } from './call-tool.js';
import type { HandlerExtra } from './direct-request.js';
import type { AskLedger } from './modern/input-required.js';
import { requestContextOf } from './request-context.js';
import { createToolLogger } from './tool-logger.js';

/** The ways a handler may ask the client something. */
export type ClientAsks = Pick<ToolContext<unknown>, 'elicit' | 'sample' | 'listRoots'>;

/**
 * How a handler (a tool's or a prompt's) asks the client: back on the session (2025-11-25) or
 * through MRTR (2026-07-28), only what the client declared it can answer.
 *
 * @example
 * const { elicit } = clientAsks(extra, scope, round.ledger);
 */
export function clientAsks(
  extra: HandlerExtra,
  scope: CallScope,
  ledger: AskLedger | undefined,
): ClientAsks {
  const request = requestContextOf(extra);
  if (request?.era === 'modern') {
    // A 2026-07-28 request cannot be asked back on its own stream; it asks through its ledger.
    const declared = request.clientCapabilities;
    if (ledger === undefined || declared === undefined) return {};
    return {
      ...(declared.elicitation !== undefined && {
        elicit: (params, options) =>
          ledger.ask<ElicitResult>(
            { method: 'elicitation/create', params: { mode: 'form', ...params } },
            options?.key,
          ),
      }),
      ...(declared.sampling !== undefined && {
        sample: (params, options) =>
          ledger.ask<CreateMessageResult>(
            { method: 'sampling/createMessage', params },
            options?.key,
          ),
      }),
      ...(declared.roots !== undefined && {
        listRoots: (options) =>
          ledger.ask<ListRootsResult>({ method: 'roots/list', params: {} }, options?.key),
      }),
    };
  }
  const capabilities = scope.session.clientCapabilities();
  return {
    ...(capabilities?.elicitation && {
      elicit: (params) =>
        extra.sendRequest(
          { method: 'elicitation/create', params: { mode: 'form', ...params } },
          ElicitResultSchema,
        ),
    }),
    ...(capabilities?.sampling && {
      sample: (params) =>
        extra.sendRequest({ method: 'sampling/createMessage', params }, CreateMessageResultSchema),
    }),
    ...(capabilities?.roots && {
      listRoots: () => extra.sendRequest({ method: 'roots/list' }, ListRootsResultSchema),
    }),
  };
}

/**
 * The `ctx` a tool handler receives for one call: its input and caller, the store, a logger that
 * reaches the client at the level it asked for, progress, nested calls, and the ways to ask the
 * client the connection offers.
 *
 * @example
 * tool.definition.handler(handlerContext(tool, input, { extra, scope, principal, signal, nested, ledger }));
 */
export function handlerContext(
  tool: CompiledTool,
  input: unknown,
  call: {
    readonly extra: HandlerExtra;
    readonly scope: CallScope;
    readonly principal: Principal;
    readonly signal: () => AbortSignal;
    readonly nested: NestedToolCaller;
    readonly ledger: AskLedger | undefined;
  },
): ToolContext<unknown> {
  const { extra, scope } = call;
  const progressToken = extra._meta?.progressToken;
  const request = requestContextOf(extra);
  const modern = request?.era === 'modern';
  const minimumLevel = modern ? request.logLevel : scope.session.logLevel;
  // Built on first use: most handlers never log, and a logger is six closures per call.
  let log: ToolContext<unknown>['log'] | undefined;
  let serverLog: Logger | undefined;
  // The call's lines carry the audit row's correlation id (ADR 0038), passed here rather than
  // found through an AsyncLocalStorage, which would cost every promise of the process.
  const callLog = (): Logger => {
    const correlationId = call.principal.correlationId;
    return (serverLog ??=
      correlationId === undefined ? scope.runtime.log : scope.runtime.log.child({ correlationId }));
  };
  return {
    input,
    principal: call.principal,
    db: scope.runtime.db,
    services: scope.runtime.services,
    get serverLog() {
      return callLog();
    },
    callTool: call.nested,
    get signal() {
      return call.signal();
    },
    get log() {
      return (log ??= createToolLogger({
        toolName: tool.definition.name,
        serverLog: callLog(),
        minimumLevel,
        // A 2026-07-28 client hears log lines only when its request asked for a level.
        send: (n) =>
          modern && request.logLevel === undefined ? Promise.resolve() : extra.sendNotification(n),
      }));
    },
    progress: async (progress, total, message) => {
      if (progressToken === undefined) return;
      await extra.sendNotification({
        method: 'notifications/progress',
        params: {
          progressToken,
          progress,
          ...(total !== undefined && { total }),
          ...(message !== undefined && { message }),
        },
      });
    },
    ...clientAsks(extra, scope, call.ledger),
    ...(scope.session.closeStream !== undefined && {
      closeStream: () => scope.session.closeStream?.(extra.requestId) ?? false,
    }),
  };
}
