import { createHash } from 'node:crypto';
import { ToolError } from '../../core/index.js';

/**
 * A short fingerprint of a report's parameters, so a cursor is refused with other parameters
 * (its offset would point into a different result).
 *
 * @example
 * parametersFingerprint({ month: '2026-02' }) // 'k3J9...'
 */
export function parametersFingerprint(parameters: Record<string, unknown>): string {
  const sorted = Object.keys(parameters)
    .sort()
    .map((key) => [key, parameters[key]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('base64url').slice(0, 12);
}

/**
 * The opaque cursor of the page starting at `offset` of one result.
 *
 * @example
 * encodeReportCursor(50, parametersFingerprint(params))
 */
export function encodeReportCursor(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, p: fingerprint })).toString('base64url');
}

/**
 * The offset a cursor from {@link encodeReportCursor} points at; refuses a cursor that is not
 * one, or that was handed out for other parameters.
 *
 * @example
 * const offset = decodeReportCursor(input.cursor, { fingerprint, tool: 'get_report_whitespace' });
 */
export function decodeReportCursor(
  cursor: string,
  expected: { readonly fingerprint: string; readonly tool: string },
): number {
  const refuse = (why: string) =>
    new ToolError(
      `cursor: ${why}; pass the nextCursor of the previous page with the same parameters, or call ${expected.tool} without a cursor`,
    );
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse('not a cursor this report handed out');
  }
  const position = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const offset = position['o'];
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    throw refuse('not a cursor this report handed out');
  }
  if (position['p'] !== expected.fingerprint) {
    throw refuse('it was handed out for other parameters');
  }
  return offset;
}
