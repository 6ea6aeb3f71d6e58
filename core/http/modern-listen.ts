import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Context } from 'koa';
import type { Principal } from '../auth/principal.js';
import type { CollectionRegistry } from '../collection/collection-registry.js';
import { readableResource } from '../mcp/resources.js';
import { answerRefusal } from './answer-refusal.js';
import { stopCounting } from './in-flight.js';
import type { ListenFilter, ListenStreams } from './listen-streams.js';

/** The part of the client's filter this collection can honour for this caller. */
function honoured(
  asked: Record<string, unknown>,
  context: { registry: CollectionRegistry; principal: Principal; toolsChange: boolean },
): ListenFilter {
  const uris = Array.isArray(asked['resourceSubscriptions'])
    ? asked['resourceSubscriptions'].filter(
        (uri): uri is string =>
          typeof uri === 'string' &&
          // Only what the caller may read, and only what sends updates at all.
          readableResource(context.registry, context.principal.scopes, uri)?.definition
            .subscribable === true,
      )
    : [];
  return {
    // Our prompt and resource lists never change while the server runs; only tools may.
    ...(context.toolsChange && asked['toolsListChanged'] === true && { toolsListChanged: true }),
    ...(uris.length > 0 && { resourceSubscriptions: [...new Set(uris)] }),
  };
}

/**
 * Answers a 2026-07-28 `subscriptions/listen`: the reply is an SSE stream that stays open,
 * acknowledged first with the filter honoured (tool-list changes where the collection's tools
 * can change; updates of resources the caller may read and that send them), and taken out of
 * shutdown's drain, which ends it with the closing result instead.
 *
 * @example
 * return answerListen(ctx, { registry, listening, toolsChange, callerKey, stopCounting }, { principal, message });
 */
export function answerListen(
  ctx: Context,
  endpoint: {
    readonly registry: CollectionRegistry;
    readonly listening: ListenStreams;
    readonly toolsChange: boolean;
    readonly callerKey: string;
  },
  request: { readonly principal: Principal; readonly message: JSONRPCRequest },
): void {
  const { id } = request.message;
  const asked = request.message.params?.['notifications'];
  if (typeof asked !== 'object' || asked === null || Array.isArray(asked)) {
    return answerRefusal(ctx, {
      code: 'MCP_INVALID_PARAMS',
      message: 'subscriptions/listen needs params.notifications, an object naming what to hear',
      id,
    });
  }
  if (endpoint.listening.full(endpoint.callerKey)) {
    return answerRefusal(ctx, {
      code: 'MCP_LISTEN_LIMIT_REACHED',
      message:
        'too many open subscriptions/listen streams for this caller or server; close one and listen again',
      id,
    });
  }
  const filter = honoured(asked as Record<string, unknown>, {
    registry: endpoint.registry,
    principal: request.principal,
    toolsChange: endpoint.toolsChange,
  });
  stopCounting(ctx.res);
  ctx.respond = false;
  endpoint.listening.open(ctx.res, { id, callerKey: endpoint.callerKey, filter });
  return undefined;
}
