import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  type ReadResourceResult,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { protocolError } from '../errors/protocol-error.js';
import { permits } from '../collection/collection-registry.js';
import type { CallScope } from './call-tool.js';
import { principalOf } from './request-principal.js';

/** Reads a fixed or templated resource the caller may see; anything else is "not found". */
export async function readResource(
  uri: string,
  extra: RequestHandlerExtra<ServerRequest, ServerNotification>,
  scope: CallScope,
): Promise<ReadResourceResult> {
  const principal = principalOf(extra);
  const base = {
    principal,
    db: scope.runtime.db,
    services: scope.runtime.services,
    signal: extra.signal,
    uri,
  };
  const fixed = scope.registry.resources.get(uri);
  if (fixed && permits(principal.scopes, fixed.definition.scopes)) {
    return { contents: await fixed.definition.read({ ...base, params: {} }) };
  }
  for (const template of scope.registry.templates) {
    if (!permits(principal.scopes, template.definition.scopes)) continue;
    const params = template.matcher.match(uri);
    if (params) return { contents: await template.definition.read({ ...base, params }) };
  }
  throw protocolError('RESOURCE_NOT_FOUND', `Resource ${uri} not found`, { uri });
}
