import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  McpError,
  type CallToolRequest,
  type CallToolResult,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { plainMessage } from '../errors/protocol-error.js';
import type { NestedToolCaller } from '../tool/tool-context.js';
import type { CallScope } from './call-tool.js';
import type { CancellableExtra } from './lazy-abort.js';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Marks a nested call's progress so it reaches the caller's `onProgress`, not the client. */
const nestedProgressToken = 'nested';

/** A tool result that failed with `text`. */
export function failure(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** How deep tools may call tools (a runbook calling a runbook…) before the call is refused. */
const maxNestingDepth = 8;

/**
 * `ctx.callTool`: the same collection and caller, no progress token of its own, one level
 * deeper; `call` is `callTool` itself, passed in so the two modules do not import each other.
 *
 * @example
 * const nested = nestedCaller(extra, scope, callTool);
 * await nested('get_ticket', { ticketId: 42 });
 */
export function nestedCaller(
  extra: Extra,
  scope: CallScope,
  call: (request: CallToolRequest, extra: Extra, scope: CallScope) => Promise<CallToolResult>,
): NestedToolCaller {
  const depth = scope.depth ?? 0;
  return async (name, args, options = {}) => {
    if (depth >= maxNestingDepth) {
      return failure(
        `Tool ${name} was not called: tools calling tools may nest at most ${maxNestingDepth} deep; a runbook probably calls itself`,
      );
    }
    const onProgress = options.onProgress;
    const signal = options.signal ?? extra.signal;
    const nestedExtra: Extra & CancellableExtra = {
      ...extra,
      signal,
      cancelled: () => signal.aborted,
      _meta: onProgress ? { progressToken: nestedProgressToken } : {},
      sendNotification: async (notification) => {
        if (notification.method === 'notifications/progress') {
          const { progress, total, message } = notification.params;
          await onProgress?.(progress, total, message);
          return;
        }
        await extra.sendNotification(notification);
      },
    };
    try {
      return await call({ method: 'tools/call', params: { name, arguments: args } }, nestedExtra, {
        ...scope,
        depth: depth + 1,
      });
    } catch (error) {
      if (error instanceof McpError) return failure(plainMessage(error.code, error.message));
      throw error;
    }
  };
}
