import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log.js';
import type { CollectionAuthenticator } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { auditedClient, type RequestContext } from '../mcp/request-context.js';
import { InsufficientScopeError } from '../auth/step-up.js';
import type { CollectionRegistry } from '../collection/collection-registry.js';

/**
 * Answers a `tools/call` the caller could make with more consent with 403 insufficient_scope
 * before it reaches the MCP server, as HTTP status and challenge are the only way to ask the
 * client for a new token (step-up). Tools no token could reach stay "not found" downstream. The
 * refusal is audited like any refused call, so the log shows who was asked for more consent.
 *
 * @example
 * refuseWithoutConsent({ registry, authenticator, audit }, { principal, messages });
 */
export function refuseWithoutConsent(
  endpoint: {
    readonly registry: CollectionRegistry;
    readonly authenticator: CollectionAuthenticator;
    readonly audit: AuditLog | undefined;
  },
  request: {
    readonly principal: Principal;
    readonly messages: readonly JSONRPCMessage[];
    readonly context?: RequestContext | undefined;
  },
): void {
  const { registry, authenticator, audit } = endpoint;
  const { principal } = request;
  for (const message of request.messages) {
    if (!('method' in message) || message.method !== 'tools/call') continue;
    const name = (message.params as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string') continue;
    const scopes = authenticator.stepUp(principal, name);
    if (scopes === undefined) continue;
    const missing = scopes.filter((scope) => !principal.scopes.has(scope));
    audit?.record({
      at: new Date(),
      collectionId: registry.collection.id,
      userId: principal.userId,
      role: principal.role,
      clientId: principal.clientId,
      tool: name,
      arguments: (message.params as { arguments?: unknown }).arguments ?? {},
      secretArguments: registry.tools.get(name)?.definition.secretArguments,
      outcome: 'denied',
      errorCode: 'AUTH_INSUFFICIENT_SCOPE',
      durationMs: 0,
      correlationId: randomUUID(),
      ...auditedClient(request.context),
    });
    throw new InsufficientScopeError(
      `tool ${name} needs scope ${missing.join(', ')}, which this token was not granted; ` +
        'authorize again with the scopes in the WWW-Authenticate header',
      scopes,
    );
  }
}
