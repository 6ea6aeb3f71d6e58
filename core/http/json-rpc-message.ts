import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * A cheap structural check of an incoming JSON-RPC 2.0 message. The SDK validates each request's
 * params against its method's schema afterwards, so a full schema parse here would be paid twice.
 */
export function isJsonRpcMessage(value: unknown): value is JSONRPCMessage {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const m = value as Record<string, unknown>;
  if (m['jsonrpc'] !== '2.0') return false;
  const id = m['id'];
  const validId = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
  if (typeof m['method'] === 'string') {
    if (m['params'] !== undefined && (typeof m['params'] !== 'object' || m['params'] === null))
      return false;
    return !('id' in m) || validId;
  }
  return validId && ('result' in m || 'error' in m);
}

/** True for a message that expects a response. */
export function isJsonRpcRequest(message: JSONRPCMessage): boolean {
  return 'method' in message && 'id' in message;
}

/** A JSON-RPC error body for errors raised before any request reached the server. */
export function jsonRpcErrorBody(code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } });
}

/**
 * A JSON-RPC error body answering request `id`, with our code in `data.code` as every protocol
 * error carries it (the refusals of ADR 0026, sent before dispatch).
 *
 * @example
 * jsonRpcRefusalBody({ id: 7, code: 'MCP_HEADER_MISMATCH', jsonRpc: -32020, message: '…' });
 */
export function jsonRpcRefusalBody(refusal: {
  readonly id: string | number | null;
  readonly code: string;
  readonly jsonRpc: number;
  readonly message: string;
  readonly data?: Record<string, unknown> | undefined;
}): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: refusal.id,
    error: {
      code: refusal.jsonRpc,
      message: refusal.message,
      data: { code: refusal.code, ...refusal.data },
    },
  });
}
