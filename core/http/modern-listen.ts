import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../auth/principal.js';
import type { CollectionRegistry } from '../collection/collection-registry.js';
import { readableResource } from '../mcp/resources.js';
import { answerRefusal } from './answer-refusal.js';
import type { HttpAnswer } from './http-answer.js';
import { stopCounting } from './in-flight.js';
import type { ListenFilter, ListenStreams } from './listen-streams.js';
import type { RequestContext } from '../mcp/request-context.js';
import { declaresTasks, tasksCapability, tasksExtension } from '../mcp/tasks/start-task.js';
import type { TaskReader } from '../mcp/tasks/task-methods.js';
import { watchTasks } from './task-watch.js';

/** The most tasks one listen stream watches; ids past it are not acknowledged. */
const maxWatchedTasks = 16;

/** The ids of `asked.taskIds` that are the caller's own tasks, as far as one stream watches. */
async function ownTaskIds(
  asked: unknown,
  read: ((taskId: string) => Promise<unknown>) | undefined,
): Promise<string[]> {
  if (read === undefined || !Array.isArray(asked)) return [];
  const ids = [...new Set(asked.filter((id): id is string => typeof id === 'string'))];
  const tasks = await Promise.all(ids.slice(0, maxWatchedTasks).map((id) => read(id)));
  return ids.filter((_id, i) => tasks[i] !== undefined);
}

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
 * can change; updates of resources the caller may read and that send them; the caller's own
 * tasks, for a client that declares the Tasks extension), and taken out of shutdown's drain,
 * which ends it with the closing result instead.
 *
 * @example
 * await answerListen(ctx, { registry, listening, toolsChange, callerKey, readTask }, { principal, message, context });
 */
export async function answerListen(
  ctx: HttpAnswer,
  endpoint: {
    readonly registry: CollectionRegistry;
    readonly listening: ListenStreams;
    readonly toolsChange: boolean;
    readonly callerKey: string;
    readonly readTask?: TaskReader | undefined;
  },
  request: {
    readonly principal: Principal;
    readonly message: JSONRPCRequest;
    readonly context: RequestContext;
  },
): Promise<void> {
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
  const askedTasks = (asked as Record<string, unknown>)['taskIds'];
  if (
    Array.isArray(askedTasks) &&
    askedTasks.length > 0 &&
    !declaresTasks(request.context.clientCapabilities)
  ) {
    return answerRefusal(ctx, {
      code: 'MCP_MISSING_CLIENT_CAPABILITY',
      message: `notifications.taskIds belongs to the Tasks extension: declare "${tasksExtension}" in the request's clientCapabilities.extensions`,
      id,
      data: { requiredCapabilities: tasksCapability },
    });
  }
  const read = endpoint.readTask;
  const principal = request.principal;
  const taskIds = await ownTaskIds(askedTasks, read && ((taskId) => read(taskId, principal)));
  const filter: ListenFilter = {
    ...honoured(asked as Record<string, unknown>, {
      registry: endpoint.registry,
      principal,
      toolsChange: endpoint.toolsChange,
    }),
    ...(taskIds.length > 0 && { taskIds }),
  };
  stopCounting(ctx.res);
  ctx.respond = false;
  endpoint.listening.open(
    ctx.res,
    { id, callerKey: endpoint.callerKey, filter },
    read === undefined || taskIds.length === 0
      ? undefined
      : (notify) =>
          watchTasks(
            taskIds,
            (taskId) => read(taskId, principal),
            (task) => notify('notifications/tasks', task),
          ),
  );
  return undefined;
}
