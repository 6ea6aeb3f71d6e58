import { Buffer } from 'node:buffer';

/** The protocol revision a modern request names. */
export const modernVersion = '2026-07-28';

/** The `params._meta` keys of a 2026-07-28 request. */
export const metaKeys = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  logLevel: 'io.modelcontextprotocol/logLevel',
  serverInfo: 'io.modelcontextprotocol/serverInfo',
} as const;

/** One raw 2026-07-28 request; every part a test wants wrong can be replaced or left out. */
export interface ModernRequestSpec {
  readonly method: string;
  /** The request's params; the envelope joins any `_meta` in them unless `meta` is null. */
  readonly params?: Record<string, unknown>;
  /** The request id; null sends a notification. Defaults to 1. */
  readonly id?: string | number | null;
  /** Keys merged over the valid envelope; a key set to undefined is left out; null: no `_meta`. */
  readonly meta?: Record<string, unknown> | null;
  /** Headers merged over the valid ones; a header set to null is not sent. */
  readonly headers?: Record<string, string | null>;
}

/**
 * `value` in the `=?base64?…?=` form a client uses for an `Mcp-Name` it cannot send as is.
 *
 * @example
 * base64Name('café'); // '=?base64?Y2Fmw6k=?='
 */
export function base64Name(value: string): string {
  return `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function withoutUndefined<T>(record: Record<string, T | undefined>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).filter((entry): entry is [string, T] => entry[1] !== undefined),
  );
}

/**
 * The headers and JSON body a 2026-07-28 client sends for `spec`: the `_meta` envelope and the
 * `MCP-Protocol-Version`, `Mcp-Method` and `Mcp-Name` headers.
 *
 * @example
 * const { headers, body } = modernRequest({ method: 'tools/call', params: { name: 'echo', arguments: {} } });
 */
export function modernRequest(spec: ModernRequestSpec): {
  headers: Record<string, string>;
  body: Record<string, unknown>;
} {
  const params = spec.params ?? {};
  const named = params['name'] ?? params['uri'] ?? params['taskId'];
  const headers: Record<string, string | null> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': modernVersion,
    'mcp-method': spec.method,
    ...(typeof named === 'string' && { 'mcp-name': named }),
    ...spec.headers,
  };
  const meta =
    spec.meta === null
      ? undefined
      : withoutUndefined({
          [metaKeys.protocolVersion]: modernVersion,
          [metaKeys.clientCapabilities]: {},
          [metaKeys.clientInfo]: { name: 'era-test', version: '1.0.0' },
          ...(params['_meta'] as Record<string, unknown> | undefined),
          ...spec.meta,
        });
  const id = spec.id === undefined ? 1 : spec.id;
  return {
    headers: Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null),
    ),
    body: {
      jsonrpc: '2.0',
      ...(id !== null && { id }),
      method: spec.method,
      params: { ...params, ...(meta !== undefined && { _meta: meta }) },
    },
  };
}

/**
 * POSTs the request `spec` describes to `url`.
 *
 * @example
 * const response = await postModern(url, { method: 'server/discover' });
 */
export function postModern(url: string, spec: ModernRequestSpec): Promise<Response> {
  const { headers, body } = modernRequest(spec);
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}
