import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';

const toolResultBrand: unique symbol = Symbol('servicedesk.toolResult');

/** A full tool result, for handlers that return rich content (images, resources) or both. */
export interface ToolResult<TStructured = unknown> {
  readonly [toolResultBrand]: true;
  readonly content: readonly ContentBlock[];
  readonly structured?: TStructured;
  readonly isError?: boolean;
}

/**
 * Builds a {@link ToolResult}. Return it from a handler when a plain value or string is not
 * enough.
 *
 * @example
 * return toolResult({ content: [{ type: 'image', data: png, mimeType: 'image/png' }] });
 */
export function toolResult<TStructured = unknown>(result: {
  content?: readonly ContentBlock[];
  structured?: TStructured;
  isError?: boolean;
}): ToolResult<TStructured> {
  return Object.freeze({
    [toolResultBrand]: true as const,
    content: result.content ?? [],
    ...result,
  });
}

/** True when `value` was built by {@link toolResult}. */
export function isToolResult(value: unknown): value is ToolResult {
  return typeof value === 'object' && value !== null && toolResultBrand in value;
}
