import type { HttpAnswer } from './http-answer.js';
import { allowOrigin, answerPreflight } from './cors.js';
import type { InFlight } from './in-flight.js';
import type { McpEndpoint } from './mcp-endpoint.js';

/**
 * Serves a request at a collection's endpoint once the guard has let it through: CORS headers
 * (set first, so a refusal's challenge is readable too), the preflight, shutdown's count of
 * POSTs in flight, then the endpoint. The Koa app and the MCP POST fast path (ADR 0042) share it.
 *
 * @example
 * if (endpoint) return serveEndpoint(ctx, endpoint, inFlight);
 */
export function serveEndpoint(
  answer: HttpAnswer,
  endpoint: McpEndpoint,
  inFlight: InFlight,
): Promise<void> | undefined {
  answer.state.registry = endpoint.registry;
  // The guard has accepted the origin.
  allowOrigin(answer);
  if (answerPreflight(answer)) return undefined;
  if (answer.method === 'POST') inFlight.track(answer.res);
  return endpoint.handle(answer);
}
