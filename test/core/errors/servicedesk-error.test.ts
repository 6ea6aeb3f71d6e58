import { describe, expect, it } from 'vitest';
import { ServiceDeskError, ToolError, type ErrorCode } from '../../../core/index.js';
import { errorCodes } from '../../../core/errors/error-codes.js';
import { hasErrorCode } from '../../../core/errors/servicedesk-error.js';

const codes = Object.keys(errorCodes) as ErrorCode[];

describe('ServiceDeskError', () => {
  it('prefixes the message with its code and keeps the cause', () => {
    const cause = new Error('ECONNREFUSED');
    const error = new ServiceDeskError('PLUGIN_MISSING_DEPENDENCY', 'plugin "a" requires "b"', {
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ServiceDeskError');
    expect(error.code).toBe('PLUGIN_MISSING_DEPENDENCY');
    expect(error.message).toBe('PLUGIN_MISSING_DEPENDENCY: plugin "a" requires "b"');
    expect(error.cause).toBe(cause);
  });

  it('has no cause property when none is given', () => {
    expect('cause' in new ServiceDeskError('CONFIG_INVALID', 'x')).toBe(false);
  });

  it.each(codes)('%s maps to the HTTP status and JSON-RPC code of the table', (code) => {
    const error = new ServiceDeskError(code, 'm');
    expect(error.httpStatus).toBe(errorCodes[code].http);
    expect(error.jsonRpcCode).toBe(errorCodes[code].jsonRpc);
  });

  it('maps codes to sensible wire values', () => {
    expect(new ServiceDeskError('AUTH_TOKEN_MISSING', 'm').httpStatus).toBe(401);
    expect(new ServiceDeskError('AUTH_INSUFFICIENT_SCOPE', 'm').httpStatus).toBe(403);
    expect(new ServiceDeskError('HTTP_BODY_TOO_LARGE', 'm').httpStatus).toBe(413);
    expect(new ServiceDeskError('STORAGE_UNREACHABLE', 'm').httpStatus).toBe(503);
    expect(new ServiceDeskError('MCP_PARSE_ERROR', 'm').jsonRpcCode).toBe(-32700);
    expect(new ServiceDeskError('TOOL_NOT_FOUND', 'm').jsonRpcCode).toBe(-32602);
    for (const code of codes) {
      const { http, jsonRpc } = errorCodes[code];
      expect(http >= 200 && http < 600, code).toBe(true);
      // JSON-RPC reserves -32768..-32000 for protocol and implementation errors.
      expect(jsonRpc >= -32768 && jsonRpc <= -32000, code).toBe(true);
    }
  });

  it('codes are SCREAMING_SNAKE_CASE with a known area prefix', () => {
    for (const code of codes) {
      expect(code).toMatch(
        /^(CONFIG|PLUGIN|SCOPE|TOOL|RESOURCE|PROMPT|COLLECTION|AUTH|STORAGE|MIGRATION|HTTP|MCP|SESSION|SERVER|INTERNAL|CLI|VIEW)_[A-Z_]+$/,
      );
    }
  });
});

describe('ToolError', () => {
  it('is a TOOL_FAILED ServiceDeskError whose message is exactly the advice for the model', () => {
    const error = new ToolError('ticket 4821 is closed; reopen it with action_ticket first');
    expect(error).toBeInstanceOf(ServiceDeskError);
    expect(error.name).toBe('ToolError');
    expect(error.code).toBe('TOOL_FAILED');
    expect(error.message).toBe('ticket 4821 is closed; reopen it with action_ticket first');
  });
});

describe('hasErrorCode', () => {
  it('is true only for a ServiceDeskError with that code', () => {
    expect(hasErrorCode(new ServiceDeskError('CONFIG_INVALID', 'x'), 'CONFIG_INVALID')).toBe(true);
    expect(hasErrorCode(new ServiceDeskError('CONFIG_INVALID', 'x'), 'SCOPE_INVALID')).toBe(false);
    expect(hasErrorCode(new ToolError('x'), 'TOOL_FAILED')).toBe(true);
    const impostor = Object.assign(new Error('x'), { code: 'CONFIG_INVALID' });
    expect(hasErrorCode(impostor, 'CONFIG_INVALID')).toBe(false);
    expect(hasErrorCode(undefined, 'CONFIG_INVALID')).toBe(false);
  });
});
