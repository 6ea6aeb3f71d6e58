import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  type ReadResourceResult,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import type { Scope } from '../scope/scope.js';
import { protocolError } from '../errors/protocol-error.js';
import { permits, type CollectionRegistry } from '../collection/collection-registry.js';
import type {
  ResourceDefinition,
  ResourceTemplateDefinition,
} from '../resource/define-resource.js';
import type { CallScope } from './call-tool.js';
import { principalOf } from './request-principal.js';

/** The resource behind `uri` that a caller with `scopes` may read, and the template's params. */
export function readableResource(
  registry: CollectionRegistry,
  scopes: ReadonlySet<Scope>,
  uri: string,
):
  | {
      definition: ResourceDefinition | ResourceTemplateDefinition;
      params: Record<string, string | string[]>;
    }
  | undefined {
  const fixed = registry.resources.get(uri);
  if (fixed && permits(scopes, fixed.definition.scopes))
    return { definition: fixed.definition, params: {} };
  for (const template of registry.templates) {
    if (!permits(scopes, template.definition.scopes)) continue;
    const params = template.matcher.match(uri);
    if (params) return { definition: template.definition, params };
  }
  return undefined;
}

/** Reads a fixed or templated resource the caller may see; anything else is "not found". */
export async function readResource(
  uri: string,
  extra: RequestHandlerExtra<ServerRequest, ServerNotification>,
  scope: CallScope,
): Promise<ReadResourceResult> {
  const principal = principalOf(extra);
  const found = readableResource(scope.registry, principal.scopes, uri);
  if (!found) throw protocolError('RESOURCE_NOT_FOUND', `Resource ${uri} not found`, { uri });
  return {
    contents: await found.definition.read({
      principal,
      db: scope.runtime.db,
      services: scope.runtime.services,
      signal: extra.signal,
      uri,
      params: found.params,
    }),
  };
}
