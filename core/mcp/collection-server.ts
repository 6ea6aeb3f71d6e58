import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import {
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
import { callTool } from './call-tool.js';
import { complete } from './completion.js';
import { getPrompt } from './prompts.js';
import { principalOf } from './request-principal.js';
import { readResource } from './resources.js';
import type { SessionState } from './session-state.js';

let validator: AjvJsonSchemaValidator | undefined;

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
      capabilities: {
        tools: { listChanged: options.toolsChange === true },
        resources: { subscribe: session.stateful, listChanged: false },
        prompts: { listChanged: false },
        completions: {},
      },
      // Every collection says what the fences around people's text mean, after its own words.
      instructions: [registry.collection.instructions, untrustedTextNotice]
        .filter((part) => part !== undefined)
        .join('\n\n'),
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
  server.setRequestHandler(ListToolsRequestSchema, (_request, extra) => ({
    tools: view.tools(principalOf(extra).scopes) as never,
  }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    callTool(request, extra, scope),
  );
  server.setRequestHandler(ListResourcesRequestSchema, (_request, extra) => ({
    resources: view.resources(principalOf(extra).scopes),
  }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, (_request, extra) => ({
    resourceTemplates: view.templates(principalOf(extra).scopes),
  }));
  server.setRequestHandler(ReadResourceRequestSchema, (request, extra) =>
    readResource(request.params.uri, extra, scope),
  );
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
    if (!isSubscribable(scope.registry, request.params.uri)) {
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
  server.setRequestHandler(ListPromptsRequestSchema, (_request, extra) => ({
    prompts: view.prompts(principalOf(extra).scopes),
  }));
  server.setRequestHandler(GetPromptRequestSchema, (request, extra) =>
    getPrompt(request.params, extra, scope),
  );
  server.setRequestHandler(CompleteRequestSchema, (request, extra) =>
    complete(request.params, extra, scope),
  );
  return server;
}

/** True when the resource at `uri` (fixed, or the first template matching it) sends updates. */
function isSubscribable(registry: CollectionRegistry, uri: string): boolean {
  const fixed = registry.resources.get(uri);
  if (fixed) return fixed.definition.subscribable === true;
  const template = registry.templates.find((t) => t.matcher.match(uri) !== null);
  return template?.definition.subscribable === true;
}
