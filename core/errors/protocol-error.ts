import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { errorCodes, type ErrorCode } from './error-codes.js';

/**
 * A JSON-RPC error for the wire, carrying our code in `data.code` so a client (or its operator)
 * can look it up in docs/errors.md.
 *
 * @example
 * throw protocolError('PROMPT_NOT_FOUND', 'Prompt triage not found');
 */
export function protocolError(
  code: ErrorCode,
  message: string,
  data: Record<string, unknown> = {},
): McpError {
  return new McpError(errorCodes[code].jsonRpc, message, { code, ...data });
}
