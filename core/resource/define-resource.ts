import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../auth/principal.js';
import type { ServiceLocator } from '../plugin/service-ref.js';
import type { Scope } from '../scope/scope.js';
import type { Database } from '../storage/database.js';

/** What a resource reader receives. */
export interface ResourceReadContext {
  readonly uri: string;
  /** Template variables matched from the URI (empty for fixed resources). */
  readonly params: Readonly<Record<string, string | string[]>>;
  readonly principal: Principal;
  readonly db: Database;
  readonly services: ServiceLocator;
  readonly signal: AbortSignal;
}

/** Completes one template variable or prompt argument from what the user has typed so far. */
export type Completer = (
  value: string,
  context: { readonly arguments: Readonly<Record<string, string>>; readonly principal: Principal },
) => Promise<readonly string[]> | readonly string[];

interface ResourceCommon {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly mimeType?: string;
  /** `_meta` of the resource's entry in `resources/list` (MCP Apps views put their CSP here). */
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly scopes: readonly Scope[];
  readonly read: (
    ctx: ResourceReadContext,
  ) => Promise<ReadResourceResult['contents']> | ReadResourceResult['contents'];
}

/** A fixed resource at one URI. */
export interface ResourceDefinition extends ResourceCommon {
  readonly kind: 'resource';
  readonly uri: string;
  /** Clients may subscribe to updates of this resource (stateful collections). */
  readonly subscribable?: boolean;
}

/** A family of resources addressed by an RFC 6570 URI template. */
export interface ResourceTemplateDefinition extends ResourceCommon {
  readonly kind: 'resource-template';
  readonly uriTemplate: string;
  /** Clients may subscribe to updates of resources of this template (stateful collections). */
  readonly subscribable?: boolean;
  readonly complete?: Readonly<Record<string, Completer>>;
}

/**
 * Declares a fixed resource.
 *
 * @example
 * defineResource({ uri: 'desk://status', name: 'status', scopes: [], mimeType: 'text/plain',
 *   read: ({ uri }) => [{ uri, text: 'ok' }] })
 */
export function defineResource(spec: Omit<ResourceDefinition, 'kind'>): ResourceDefinition {
  return Object.freeze({ kind: 'resource' as const, ...spec });
}

/**
 * Declares a resource template.
 *
 * @example
 * defineResourceTemplate({ uriTemplate: 'desk://tickets/{id}', name: 'ticket', scopes: ['tickets:read:own'],
 *   read: ({ uri, params }) => [{ uri, text: `ticket ${String(params.id)}` }] })
 */
export function defineResourceTemplate(
  spec: Omit<ResourceTemplateDefinition, 'kind'>,
): ResourceTemplateDefinition {
  return Object.freeze({ kind: 'resource-template' as const, ...spec });
}
