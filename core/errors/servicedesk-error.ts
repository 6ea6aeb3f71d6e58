import { errorCodes, type ErrorCode } from './error-codes.js';

/**
 * The one error base of the framework: a stable `code` (see docs/errors.md), a message that says
 * what broke and how to fix it, and the HTTP and JSON-RPC codes it maps to.
 *
 * @example
 * throw new ServiceDeskError('PLUGIN_MISSING_DEPENDENCY',
 *   'plugin "tickets" requires plugin "desk"; add deskPlugin() to plugins');
 */
export class ServiceDeskError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(
      `${code}: ${message}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ServiceDeskError';
    this.code = code;
  }

  /** The HTTP status this error maps to. */
  get httpStatus(): number {
    return errorCodes[this.code].http;
  }

  /** The JSON-RPC error code this error maps to. */
  get jsonRpcCode(): number {
    return errorCodes[this.code].jsonRpc;
  }
}

/**
 * A failure a tool handler reports to the model: it becomes an `isError: true` result whose text
 * is `message`, so write it as advice the model can act on.
 *
 * @example
 * throw new ToolError('ticket 4821 is closed; reopen it with action_ticket first');
 */
export class ToolError extends ServiceDeskError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TOOL_FAILED', message, options);
    this.name = 'ToolError';
    this.message = message;
  }
}

/** True when `error` is a {@link ServiceDeskError} with the given code. */
export function hasErrorCode(error: unknown, code: ErrorCode): error is ServiceDeskError {
  return error instanceof ServiceDeskError && error.code === code;
}
