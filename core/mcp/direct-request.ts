import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  ErrorCode,
  McpError,
  type JSONRPCMessage,
  type MessageExtraInfo,
  type Result,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { errorResponse } from '../errors/protocol-error.js';
import { type LazyAbort, type CancellableExtra } from './lazy-abort.js';

/** Extra context a request handler receives, as the SDK builds it. */
export type HandlerExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * A method answered by our own code rather than the SDK `Server`: the stateless `tools/call`
 * hot path. It receives the same `extra` the SDK would build, so the handler cannot tell.
 */
export type DirectHandler = (
  request: { method: string; params?: Record<string, unknown> },
  extra: HandlerExtra,
) => Promise<Result>;

/**
 * Runs one request through a direct handler and hands the response (or error) to `send`,
 * unless the request was cancelled, in which case nothing is sent — as the SDK does.
 */
export function runDirect(
  request: { id: number; method: string; params?: Record<string, unknown> },
  handler: DirectHandler,
  context: {
    controller: LazyAbort;
    extra: MessageExtraInfo | undefined;
    send: (message: JSONRPCMessage, relatedRequestId?: number) => Promise<void>;
  },
): Promise<void> {
  const { controller, send } = context;
  const meta = request.params?.['_meta'] as HandlerExtra['_meta'];
  const extra: HandlerExtra & CancellableExtra = {
    get signal() {
      return controller.signal;
    },
    cancelled: () => controller.aborted,
    sessionId: undefined,
    ...(meta !== undefined && { _meta: meta }),
    requestId: request.id,
    ...(context.extra?.authInfo !== undefined && { authInfo: context.extra.authInfo }),
    ...(context.extra?.requestInfo !== undefined && { requestInfo: context.extra.requestInfo }),
    sendNotification: (notification) =>
      controller.aborted
        ? Promise.resolve()
        : send({ jsonrpc: '2.0', ...notification }, request.id),
    sendRequest: () =>
      Promise.reject(
        new McpError(
          ErrorCode.MethodNotFound,
          'server-to-client requests need a stateful collection',
        ),
      ),
  };
  return Promise.resolve()
    .then(() => handler(request, extra))
    .then(
      (result) => {
        if (!controller.aborted) return send({ jsonrpc: '2.0', id: request.id, result });
        return undefined;
      },
      (error: unknown) => (controller.aborted ? undefined : send(errorResponse(request.id, error))),
    );
}
