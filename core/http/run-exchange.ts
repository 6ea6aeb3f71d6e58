import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import { Exchange } from '../mcp/exchange.js';
import type { MultiplexTransport } from '../mcp/multiplex-transport.js';
import type { SessionEvents } from '../mcp/session-events.js';
import { jsonContentType, type HttpAnswer } from './http-answer.js';
import { isJsonRpcRequest } from './json-rpc-message.js';

/** JSON-RPC code of revision 2026-07-28's "the request needs a capability the client did not declare". */
const missingClientCapability = -32021;

/** 202 with an empty body, as Streamable HTTP requires (Koa would otherwise send "Accepted"). */
export function acceptedWithoutBody(ctx: HttpAnswer): void {
  ctx.body = null;
  ctx.status = 202;
}

/**
 * Hands one POST's messages to `target` and answers it: 202 for notifications and responses
 * alone, otherwise plain JSON, or the SSE stream the exchange turned into. A client that goes
 * away cancels its requests, unless the server ended the stream on purpose (resumable sessions).
 *
 * @example
 * await runExchange(ctx, transport, { messages, extra, callerKey, batch: false, acceptsStream: true });
 */
export async function runExchange(
  ctx: HttpAnswer,
  target: MultiplexTransport,
  options: {
    readonly messages: readonly JSONRPCMessage[];
    readonly extra: MessageExtraInfo;
    readonly callerKey: string;
    readonly batch: boolean;
    readonly acceptsStream: boolean;
    readonly events?: SessionEvents | undefined;
  },
): Promise<void> {
  const { messages, extra, callerKey, batch, events } = options;
  if (!messages.some(isJsonRpcRequest)) {
    target.dispatch(new Exchange({ res: ctx.res, acceptsStream: false, batch }), messages, {
      extra,
      callerKey,
    });
    acceptedWithoutBody(ctx);
    return;
  }
  const exchange = new Exchange({
    res: ctx.res,
    acceptsStream: options.acceptsStream,
    batch,
    ...(events !== undefined && { events }),
  });
  const onClose = (): void => {
    // A stream the server closed on purpose leaves its calls running for the client's resume.
    if (!exchange.finished && !exchange.detached) target.abandon(exchange);
  };
  ctx.res.once('close', onClose);
  target.dispatch(exchange, messages, { extra, callerKey });
  await exchange.done;
  if (exchange.streaming || ctx.res.destroyed) {
    ctx.respond = false;
    return;
  }
  ctx.res.off('close', onClose);
  const json = exchange.jsonBody();
  if (json === undefined) {
    acceptedWithoutBody(ctx);
    return;
  }
  // Revision 2026-07-28 sends a missing client capability with HTTP 400; a spent budget is a 429
  // with Retry-After (a batch or a stream carries it in the JSON-RPC error only); all else is 200.
  const data = exchange.errorData;
  if (data?.['code'] === 'TOOL_RATE_LIMITED' && typeof data['retryAfter'] === 'number') {
    ctx.status = 429;
    ctx.set('Retry-After', String(data['retryAfter']));
  } else ctx.status = exchange.errorCode === missingClientCapability ? 400 : 200;
  ctx.set('Content-Type', jsonContentType);
  ctx.body = json;
}
