import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { errorCodes } from '../errors/error-codes.js';

/**
 * Thrown by a tool handler that cannot go on without a capability the client did not declare
 * (say, sampling for an AI ability with no model of its own). A 2026-07-28 client gets the
 * revision's -32021 error naming the capability in `data.requiredCapabilities` (HTTP 400); a
 * 2025-11-25 client gets the message as an `isError` result. Audited `denied`.
 *
 * @example
 * if (!sample) throw new ClientCapabilityRequired({ sampling: {} }, 'summarise needs sampling: connect with a client that offers it');
 */
export class ClientCapabilityRequired extends Error {
  readonly required: ClientCapabilities;

  constructor(required: ClientCapabilities, message: string) {
    super(message);
    this.name = 'ClientCapabilityRequired';
    this.required = required;
  }

  /** The revision's MissingRequiredClientCapability error for this refusal. */
  toProtocolError(): McpError {
    const code = 'MCP_MISSING_CLIENT_CAPABILITY';
    return new McpError(errorCodes[code].jsonRpc, this.message, {
      code,
      requiredCapabilities: this.required,
    });
  }
}
