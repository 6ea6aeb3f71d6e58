import type { McpError } from '@modelcontextprotocol/sdk/types.js';
import { protocolError } from '../errors/protocol-error.js';
import type { CallLimitRefusal } from './tool-call-limits.js';

const budgetWords = {
  user: 'for each user',
  client: 'through each client',
  collection: 'in all',
} as const;

/**
 * The protocol error of a refused call (`TOOL_RATE_LIMITED`), naming the budget and when to retry;
 * `data.retryAfter` (seconds) becomes the `Retry-After` header of an HTTP 429 where one can be
 * sent (ADR 0037).
 *
 * @example
 * throw rateLimitedError({ budget: 'user', collectionId: 'desk', limit: 120, windowSeconds: 60, retryAfterSeconds: 12 });
 */
export function rateLimitedError(refusal: CallLimitRefusal): McpError {
  return protocolError(
    'TOOL_RATE_LIMITED',
    `Rate limit reached: collection ${refusal.collectionId} takes at most ${refusal.limit} tool call${refusal.limit === 1 ? '' : 's'} ` +
      `every ${refusal.windowSeconds} s ${budgetWords[refusal.budget]}; retry in ${refusal.retryAfterSeconds} s`,
    { budget: refusal.budget, retryAfter: refusal.retryAfterSeconds },
  );
}
