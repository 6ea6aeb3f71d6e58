import type { JSONRPCMessage, JSONRPCRequest, RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { CollectionAuthenticator } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { CollectionRegistry } from '../collection/collection-registry.js';
import type { MultiplexTransport } from '../mcp/multiplex-transport.js';
import type { RequestContext } from '../mcp/request-context.js';
import type { TaskReader } from '../mcp/tasks/task-methods.js';
import { authInfoFor } from '../mcp/request-principal.js';
import { answerRefusal } from './answer-refusal.js';
import type { HttpAnswer } from './http-answer.js';
import type { ListenStreams } from './listen-streams.js';
import { answerListen } from './modern-listen.js';
import { isJsonRpcRequest } from './json-rpc-message.js';
import { refuseWithoutConsent } from './refuse-without-consent.js';
import { acceptedWithoutBody, runExchange } from './run-exchange.js';

/**
 * Serves one 2026-07-28 POST on a collection: no session, everything the client says is in the
 * request's `_meta` (already checked by `classifyPost`). A method the revision or this server
 * does not define is 404 with -32601, as the revision's HTTP binding says; a notification is
 * accepted and dropped (the revision defines none from client to server over HTTP).
 *
 * @example
 * await postModern(ctx, { registry, authenticator, audit, transport, callerKey }, { principal, message, acceptsStream, context });
 */
export async function postModern(
  ctx: HttpAnswer,
  endpoint: {
    readonly registry: CollectionRegistry;
    readonly authenticator: CollectionAuthenticator;
    readonly audit: AuditLog | undefined;
    readonly transport: MultiplexTransport;
    readonly listening: ListenStreams;
    readonly toolsChange: boolean;
    /** Reads the caller's tasks for `subscriptions/listen`, where the collection offers tasks. */
    readonly readTask?: TaskReader | undefined;
    /** Scopes the client's request ids for cancellation: the caller (user and client). */
    readonly callerKey: string;
  },
  request: {
    readonly principal: Principal;
    readonly message: JSONRPCMessage;
    readonly acceptsStream: boolean;
    readonly context: RequestContext;
  },
): Promise<void> {
  const { principal, message, context } = request;
  if (!isJsonRpcRequest(message)) return acceptedWithoutBody(ctx);
  const { method, id } = message as { method: string; id: RequestId };
  if (method === 'subscriptions/listen') {
    return answerListen(ctx, endpoint, {
      principal,
      message: message as JSONRPCRequest,
      context,
    });
  }
  if (!endpoint.transport.answers(method)) {
    return answerRefusal(ctx, {
      code: 'MCP_METHOD_NOT_FOUND',
      message: `Method not found: ${method} is not part of MCP ${context.protocolVersion}`,
      id,
    });
  }
  refuseWithoutConsent(endpoint, { principal, messages: [message], context });
  await runExchange(ctx, endpoint.transport, {
    messages: [message],
    extra: {
      authInfo: authInfoFor(principal, context),
      requestInfo: { headers: ctx.req.headers },
    },
    callerKey: endpoint.callerKey,
    batch: false,
    acceptsStream: request.acceptsStream,
  });
  return undefined;
}
