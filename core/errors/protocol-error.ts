import {
  ErrorCode,
  McpError,
  type JSONRPCErrorResponse,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { errorCodes, type ErrorCode as ServiceDeskCode } from './error-codes.js';

/**
 * A JSON-RPC error for the wire, carrying our code in `data.code` so a client (or its operator)
 * can look it up in docs/errors.md.
 *
 * @example
 * throw protocolError('PROMPT_NOT_FOUND', 'Prompt triage not found');
 */
export function protocolError(
  code: ServiceDeskCode,
  message: string,
  data: Record<string, unknown> = {},
): McpError {
  return new McpError(errorCodes[code].jsonRpc, message, { code, ...data });
}

/**
 * `message` without the `MCP error <code>: ` that the SDK's `McpError` puts before it. The wire
 * must carry the plain text: an SDK client builds its own `McpError` from it and prefixes it again.
 *
 * @example
 * plainMessage(-32602, 'MCP error -32602: Tool nope not found'); // 'Tool nope not found'
 */
export function plainMessage(code: number, message: string): string {
  const prefix = `MCP error ${code}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/**
 * The JSON-RPC error response to request `id` for a thrown `error`, shaped as the SDK shapes it:
 * its numeric `code` (else internal error), its plain message and its `data`.
 *
 * @example
 * send(errorResponse(7, protocolError('TOOL_NOT_FOUND', 'Tool nope not found')));
 */
export function errorResponse(id: RequestId, error: unknown): JSONRPCErrorResponse {
  const e = error as { code?: unknown; message?: unknown; data?: unknown };
  const code = Number.isSafeInteger(e.code) ? (e.code as number) : ErrorCode.InternalError;
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code,
      message: typeof e.message === 'string' ? plainMessage(code, e.message) : 'Internal error',
      ...(e.data !== undefined && { data: e.data }),
    },
  };
}
