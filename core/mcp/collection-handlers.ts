import type {
  CallToolRequest,
  CompleteRequest,
  GetPromptRequest,
  Result,
} from '@modelcontextprotocol/sdk/types.js';
import type { CollectionView } from '../collection/collection-registry.js';
import { callTool, type CallScope } from './call-tool.js';
import { complete } from './completion.js';
import type { HandlerExtra } from './direct-request.js';
import { getPrompt } from './prompts.js';
import { principalOf } from './request-principal.js';
import { readResource } from './resources.js';
import { requestContextOf } from './request-context.js';
import { declaresApps } from '../view/tool-ui.js';

/** A request as a handler reads it: params already checked against the method's schema. */
type CheckedRequest = { method: string; params?: Record<string, unknown> };

/** One method's handler, shared by both protocol eras. */
export type CollectionHandler = (request: CheckedRequest, extra: HandlerExtra) => Promise<Result>;

/** The methods every collection answers in both eras, by name. */
export type CollectionHandlers = Readonly<Record<CollectionMethod, CollectionHandler>>;

export type CollectionMethod =
  | 'tools/list'
  | 'tools/call'
  | 'resources/list'
  | 'resources/templates/list'
  | 'resources/read'
  | 'prompts/list'
  | 'prompts/get'
  | 'completion/complete';

/**
 * The handlers of a collection's methods around its registry: every list is filtered by the
 * caller's effective scopes and every call re-checks them. The 2025-11-25 SDK server and the
 * 2026-07-28 binding register the same functions, so both eras answer alike.
 *
 * @example
 * const handlers = collectionHandlers({ registry, runtime, session }, view);
 * await handlers['tools/list']({ method: 'tools/list' }, extra);
 */
export function collectionHandlers(scope: CallScope, view: CollectionView): CollectionHandlers {
  return {
    'tools/list': (_request, extra) =>
      Promise.resolve({
        tools: view.tools(principalOf(extra).scopes, {
          apps: declaresApps(requestContextOf(extra)?.clientCapabilities),
        }) as never,
      }),
    'tools/call': (request, extra) => callTool(request as CallToolRequest, extra, scope),
    'resources/list': (_request, extra) =>
      Promise.resolve({ resources: view.resources(principalOf(extra).scopes) }),
    'resources/templates/list': (_request, extra) =>
      Promise.resolve({ resourceTemplates: view.templates(principalOf(extra).scopes) }),
    'resources/read': (request, extra) =>
      readResource((request.params as { uri: string }).uri, extra, scope),
    'prompts/list': (_request, extra) =>
      Promise.resolve({ prompts: view.prompts(principalOf(extra).scopes) }),
    'prompts/get': (request, extra) =>
      getPrompt((request as GetPromptRequest).params, extra, scope),
    'completion/complete': (request, extra) =>
      complete((request as CompleteRequest).params, extra, scope),
  };
}
