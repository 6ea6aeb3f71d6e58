import { McpError, type Result } from '@modelcontextprotocol/sdk/types.js';
import { plainMessage } from '../../errors/protocol-error.js';
import type { ServerIdentity } from '../collection-server.js';
import { serverInfoKey } from './envelope-keys.js';

/** How long and for whom a result may be cached (revision 2026-07-28, SEP-2549). */
export interface CacheHint {
  readonly ttlMs: number;
  /** `private`: for this caller only (our lists depend on the caller's scopes); `public`: anyone's. */
  readonly cacheScope: 'private' | 'public';
}

/** The `resource not found` code of 2025-11-25; revision 2026-07-28 sends -32602 instead. */
const legacyResourceNotFound = -32002;

/**
 * A result as revision 2026-07-28 sends it: `resultType`, the answering server in `_meta`, and
 * the cache hint where one applies.
 *
 * @example
 * shapeResult({ tools }, serverInfoOf(identity, title), { ttlMs: 60_000, cacheScope: 'private' });
 */
export function shapeResult(
  result: Result,
  serverInfo: Readonly<Record<string, string>>,
  hint: CacheHint | undefined,
): Result {
  return {
    ...result,
    // An `input_required` answer (MRTR) keeps its own type.
    resultType: result['resultType'] ?? 'complete',
    ...(hint !== undefined && hint),
    _meta: { ...result._meta, [serverInfoKey]: serverInfo },
  };
}

/**
 * The `serverInfo` a collection's results name (built once, shared by every result).
 *
 * @example
 * serverInfoOf({ name: 'servicedesk-mcp', version: '0.1.0' }, 'Agent Functions');
 */
export function serverInfoOf(
  identity: ServerIdentity,
  title: string | undefined,
): Readonly<Record<string, string>> {
  return Object.freeze({
    name: identity.name,
    version: identity.version,
    ...(title !== undefined && { title }),
  });
}

/**
 * A handler's error in the revision's vocabulary: -32002 (resource not found) became -32602;
 * our own code stays in `data.code`.
 *
 * @example
 * handler(request, extra).catch((error) => { throw modernError(error); });
 */
export function modernError(error: unknown): unknown {
  if (!(error instanceof McpError) || error.code !== legacyResourceNotFound) return error;
  return new McpError(-32602, plainMessage(error.code, error.message), error.data);
}
