import { randomUUID } from 'node:crypto';
import type { FailedAuthLog } from '../auth/failed-auth-log.js';
import { InsufficientScopeError } from '../auth/step-up.js';
import type { CollectionRegistry } from '../collection/collection-registry.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Logger } from '../log/logger.js';
import { jsonContentType, type HttpAnswer } from './http-answer.js';
import { jsonRpcErrorBody } from './json-rpc-message.js';
import { resourceMetadataUrl } from './resource-metadata.js';

/** Where an error answer reports: the log, refused authentication, and the metrics' hook. */
export interface ErrorSinks {
  readonly log: Logger;
  readonly failedAuth: FailedAuthLog;
  /** Told the reason (error code) of every 401, for the metrics. */
  readonly onAuthRefused: ((reason: string) => void) | undefined;
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, "'")}"`;
}

/**
 * The `WWW-Authenticate` challenge of a refusal (RFC 6750 §3, MCP authorization): where the
 * collection's protected-resource metadata is, and which scopes to ask for — the collection's
 * grant, or for a step-up the scopes the refused call needs.
 */
function challenge(error: ServiceDeskError, registry: CollectionRegistry | undefined): string {
  const params = ['realm="servicedesk-mcp"'];
  if (error.code === 'AUTH_INSUFFICIENT_SCOPE') params.push('error="insufficient_scope"');
  else if (error.code !== 'AUTH_TOKEN_MISSING') params.push('error="invalid_token"');
  if (error.code !== 'AUTH_TOKEN_MISSING') {
    params.push(`error_description=${quoted(error.message)}`);
  }
  if (registry) {
    params.push(`resource_metadata=${quoted(resourceMetadataUrl(registry.url))}`);
    const scopes =
      error instanceof InsufficientScopeError ? error.scopes : registry.collection.grant;
    if (scopes.length > 0) params.push(`scope=${quoted(scopes.join(' '))}`);
  }
  return `Bearer ${params.join(', ')}`;
}

/**
 * Answers a request that failed: a coded error with its status and JSON-RPC error body (a 401
 * or 403 insufficient_scope with its challenge, a shutdown 503 with `Retry-After`), anything
 * else as a 500 whose correlation id is in the log. Nothing is sent once headers are out.
 *
 * @example
 * try { await next(); } catch (error) { sendError(ctx, error, { log, failedAuth, onAuthRefused }); }
 */
export function sendError(answer: HttpAnswer, error: unknown, sinks: ErrorSinks): void {
  if (answer.headerSent || answer.res.destroyed) return;
  if (error instanceof ServiceDeskError) {
    answer.status = error.httpStatus;
    if (error.httpStatus === 401) {
      sinks.failedAuth.refused({ reason: error.code, address: answer.ip, path: answer.path });
      sinks.onAuthRefused?.(error.code);
    }
    if (error.code === 'SERVER_SHUTTING_DOWN') answer.set('retry-after', '1');
    if (error.httpStatus === 401 || error.code === 'AUTH_INSUFFICIENT_SCOPE')
      answer.set('www-authenticate', challenge(error, answer.state.registry));
    answer.set('Content-Type', jsonContentType);
    answer.body = jsonRpcErrorBody(error.jsonRpcCode, error.message);
    return;
  }
  const correlationId = randomUUID();
  sinks.log.error('request failed', {
    correlationId,
    path: answer.path,
    error: (error as Error).message,
    stack: (error as Error).stack,
  });
  answer.status = 500;
  answer.set('Content-Type', jsonContentType);
  answer.body = jsonRpcErrorBody(-32603, `Internal error (correlation id ${correlationId})`);
}
