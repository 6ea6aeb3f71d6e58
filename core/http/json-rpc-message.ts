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
