import type { Result } from '@modelcontextprotocol/sdk/types.js';
import type { CollectionRegistry } from '../../collection/collection-registry.js';
import type { CollectionHandlers, CollectionMethod } from '../collection-handlers.js';
import {
  collectionCapabilities,
  collectionInstructions,
  toolExtensions,
  type ServerIdentity,
} from '../collection-server.js';
import type { DirectHandler } from '../direct-request.js';
import { MultiplexTransport } from '../multiplex-transport.js';
import { paramsRefusal } from '../request-params.js';
import { tasksExtension } from '../tasks/start-task.js';
import type { TaskMethod } from '../tasks/task-methods.js';
import { modernProtocolVersion } from './envelope-keys.js';
import {
  modernError,
  serverInfoOf,
  serverMetaOf,
  shapeResult,
  type CacheHint,
} from './result-shape.js';

/** How long a caller may keep a list before asking again, in milliseconds. */
export interface ListCaching {
  /** Every caller-filtered list (tools, prompts, resources, templates). */
  readonly listTtlMs: number;
  /** `tools/list` when a plugin changes tools at runtime (external-mcp): shorter. */
  readonly dynamicToolsTtlMs: number;
}

/** `server/discover` is the same for every caller and changes only with a deployment. */
const discoverTtlMs = 300_000;

/**
 * The 2026-07-28 side of one collection (ADR 0026): a transport with no SDK server behind it,
 * answering each method the revision keeps with the same handlers the 2025-11-25 server uses,
 * and shaping results as the revision says. Requests reach it only after the endpoint has
 * checked their envelope and headers.
 *
 * @example
 * const modern = modernBinding({ registry, identity, handlers, toolsCall, toolsChange: false, caching });
 * modern.answers('tools/list'); // true
 */
export function modernBinding(options: {
  readonly registry: CollectionRegistry;
  readonly identity: ServerIdentity;
  readonly handlers: CollectionHandlers;
  /** `tools/call` with its own params check (the hot path's). */
  readonly toolsCall: DirectHandler;
  readonly toolsChange: boolean;
  readonly caching: ListCaching;
  /** The Tasks extension's methods, where a tool of the collection offers tasks (ADR 0029). */
  readonly tasks?: Readonly<Record<TaskMethod, DirectHandler>> | undefined;
}): MultiplexTransport {
  const { registry, handlers, caching } = options;
  const server = serverMetaOf(serverInfoOf(options.identity, registry.collection.title));
  const transport = new MultiplexTransport();
  const listHint: CacheHint = { ttlMs: caching.listTtlMs, cacheScope: 'private' };
  const hints: Partial<Record<CollectionMethod, CacheHint>> = {
    'tools/list': options.toolsChange
      ? { ttlMs: Math.min(caching.dynamicToolsTtlMs, caching.listTtlMs), cacheScope: 'private' }
      : listHint,
    'resources/list': listHint,
    'resources/templates/list': listHint,
    'prompts/list': listHint,
    // What a resource holds changes with the desk: read it afresh each time.
    'resources/read': { ttlMs: 0, cacheScope: 'private' },
  };
  const answer = (
    method: CollectionMethod | TaskMethod,
    handler: DirectHandler,
    checked: boolean,
  ): void => {
    transport.answerDirectly(method, async (request, extra) => {
      const refusal = checked ? undefined : paramsRefusal(request);
      if (refusal) throw refusal;
      try {
        return shapeResult(
          await handler(request, extra),
          server,
          hints[method as CollectionMethod],
        );
      } catch (error) {
        throw modernError(error);
      }
    });
  };
  for (const method of Object.keys(handlers) as CollectionMethod[]) {
    if (method === 'tools/call') answer(method, options.toolsCall, true);
    else answer(method, handlers[method], false);
  }
  for (const [method, handler] of Object.entries(options.tasks ?? {})) {
    answer(method as TaskMethod, handler, true);
  }
  const discover: Result = {
    supportedVersions: [modernProtocolVersion],
    // subscriptions/listen delivers updates of subscribable resources on any collection.
    capabilities: {
      ...collectionCapabilities({
        subscribe:
          [...registry.resources.values()].some((r) => r.definition.subscribable === true) ||
          registry.templates.some((t) => t.definition.subscribable === true),
        toolsChange: options.toolsChange,
        extensions: [...toolExtensions(registry), ...(options.tasks ? [tasksExtension] : [])],
      }),
    },
    instructions: collectionInstructions(registry),
  };
  transport.answerDirectly('server/discover', (request) => {
    const refusal = paramsRefusal(request);
    if (refusal) return Promise.reject(refusal);
    return Promise.resolve(
      shapeResult(discover, server, { ttlMs: discoverTtlMs, cacheScope: 'public' }),
    );
  });
  return transport;
}
