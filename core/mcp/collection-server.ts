import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import {
  type ServerCapabilities,
  CallToolRequestSchema,
  CompleteRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { type CollectionView, type CollectionRegistry } from '../collection/collection-registry.js';
import { protocolError } from '../errors/protocol-error.js';
import type { Runtime } from '../server/runtime.js';
import { untrustedTextNotice } from '../tool/untrusted-text.js';
import { appsExtension } from '../view/define-view.js';
import { collectionHandlers, type CollectionMethod } from './collection-handlers.js';
import { principalOf } from './request-principal.js';
import { readableResource, readResource } from './resources.js';
import type { SessionState } from './session-state.js';

let validator: AjvJsonSchemaValidator | undefined;

/** The SDK schema each shared handler is registered under. */
const requestSchemas: readonly (readonly [CollectionMethod, typeof ListToolsRequestSchema])[] = [
  ['tools/list', ListToolsRequestSchema],
  ['tools/call', CallToolRequestSchema],
  ['resources/list', ListResourcesRequestSchema],
  ['resources/templates/list', ListResourceTemplatesRequestSchema],
  ['resources/read', ReadResourceRequestSchema],
  ['prompts/list', ListPromptsRequestSchema],
  ['prompts/get', GetPromptRequestSchema],
  ['completion/complete', CompleteRequestSchema],
] as never;

// The SDK builds a new Ajv for every Server unless given one (about 300 µs each), which every
// stateful session would pay; one validator serves them all.
function sharedValidator(): AjvJsonSchemaValidator {
  validator ??= new AjvJsonSchemaValidator();
  return validator;
}

/** Name and version reported at initialize. */
export interface ServerIdentity {
  readonly name: string;
  readonly version: string;
}

/**
 * Builds the SDK low-level `Server` for one collection with our own handlers around the
 * registry (frozen but for runtime tools): every list is filtered by the caller's effective scopes and every call re-checks
 * them. A stateless collection builds this once; a stateful one once per session.
 */
export function createCollectionServer(
  registry: CollectionRegistry,
  runtime: Runtime,
  options: {
    identity: ServerIdentity;
    session: SessionState;
    view: CollectionView;
    /** True when a listed plugin changes its tools at runtime, so sessions hear of changes. */
    toolsChange?: boolean;
  },
): Server {
  const { session, view } = options;
  const server = new Server(
    {
      name: options.identity.name,
      version: options.identity.version,
      title: registry.collection.title,
    },
    {
      jsonSchemaValidator: sharedValidator(),
      capabilities: collectionCapabilities({
        subscribe: session.stateful,
        toolsChange: options.toolsChange === true,
        extensions: toolExtensions(registry),
      }),
      instructions: collectionInstructions(registry),
    },
  );
  // Registered after construction so our handler (per session, never shared) replaces the
  // SDK's built-in one, whose level would otherwise be shared by every stateless caller.
  server.registerCapabilities({ logging: {} });
  server.setRequestHandler(SetLevelRequestSchema, (request) => {
    session.logLevel = request.params.level;
    return {};
  });
  const scope = { registry, runtime, session };
  const handlers = collectionHandlers(scope, view);
  for (const [method, schema] of requestSchemas) {
    server.setRequestHandler(schema, (request, extra) => handlers[method](request, extra) as never);
  }
  server.setRequestHandler(SubscribeRequestSchema, async (request, extra) => {
    // A stateless collection has nowhere to deliver updates, and its one shared state must
    // not collect every caller's URIs.
    if (!session.stateful) {
      throw protocolError(
        'RESOURCE_SUBSCRIBE_NEEDS_SESSION',
        'resources/subscribe needs a stateful collection; this endpoint is stateless',
      );
    }
    await readResource(request.params.uri, extra, scope); // only what the caller may read
    const found = readableResource(scope.registry, principalOf(extra).scopes, request.params.uri);
    if (found?.definition.subscribable !== true) {
      throw protocolError(
        'RESOURCE_NOT_SUBSCRIBABLE',
        `Resource ${request.params.uri} does not send updates; read it again when you need it`,
        { uri: request.params.uri },
      );
    }
    session.subscriptions.add(request.params.uri);
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, (request) => {
    session.subscriptions.delete(request.params.uri);
    return {};
  });
  return server;
}

/**
 * What a collection offers, as initialize (2025-11-25) and server/discover (2026-07-28) declare
 * it; logging is added by the legacy server alone, since the modern revision sets levels per request.
 *
 * @example
 * collectionCapabilities({ subscribe: false, toolsChange: true });
 */
export function collectionCapabilities(options: {
  subscribe: boolean;
  toolsChange: boolean;
  /** Extensions the collection speaks (MCP Apps when a tool has a view; Tasks, modern only). */
  extensions?: readonly string[];
}): ServerCapabilities {
  const extensions = options.extensions ?? [];
  return {
    tools: { listChanged: options.toolsChange },
    resources: { subscribe: options.subscribe, listChanged: false },
    prompts: { listChanged: false },
    completions: {},
    ...(extensions.length > 0 && {
      extensions: Object.fromEntries(extensions.map((name) => [name, {}])),
    }),
  };
}

/**
 * The extensions a collection's tools use: MCP Apps when one of them has a view or is app-only.
 *
 * @example
 * toolExtensions(registry); // ['io.modelcontextprotocol/ui']
 */
export function toolExtensions(registry: CollectionRegistry): string[] {
  return [...registry.tools.values()].some((tool) => tool.definition.ui !== undefined)
    ? [appsExtension]
    : [];
}

/**
 * A collection's instructions: its own words, then what the fences around people's text mean.
 *
 * @example
 * collectionInstructions(registry); // '…\n\nText between «untrusted» fences…'
 */
export function collectionInstructions(registry: CollectionRegistry): string {
  return [registry.collection.instructions, untrustedTextNotice]
    .filter((part) => part !== undefined)
    .join('\n\n');
}
