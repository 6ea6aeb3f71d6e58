import type { HttpAnswer } from './http-answer.js';

/**
 * Response headers a browser-based MCP client must be able to read: the 401/403 challenge (where
 * the metadata is, which scopes to ask for) and the session id of a stateful collection.
 */
export const exposedHeaders = 'WWW-Authenticate, Mcp-Session-Id';

const allowedMethods = 'GET, POST, DELETE, OPTIONS';
const allowedRequestHeaders =
  'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID, Mcp-Method, Mcp-Name';

/**
 * Opens an MCP endpoint's response to the request's origin. Call it only after the Host/Origin
 * guard has accepted that origin (`http.allowedOrigins` or the server's own), so a page of any
 * other origin still gets no CORS headers. Without an `Origin` (not a browser) it does nothing.
 *
 * @example
 * allowOrigin(ctx); // Access-Control-Allow-Origin: https://app.example, Expose-Headers: WWW-Authenticate, Mcp-Session-Id
 */
export function allowOrigin(ctx: HttpAnswer): void {
  const origin = ctx.get('origin');
  if (origin === '') return;
  ctx.set('access-control-allow-origin', origin);
  ctx.set('access-control-expose-headers', exposedHeaders);
  ctx.vary('origin');
}

/**
 * Answers a CORS preflight (`OPTIONS` with `Origin`) for an MCP endpoint with 204 and returns
 * true; returns false for any other request, so the endpoint handles it.
 *
 * @example
 * if (answerPreflight(ctx)) return;
 */
export function answerPreflight(ctx: HttpAnswer): boolean {
  if (ctx.method !== 'OPTIONS' || ctx.get('origin') === '') return false;
  ctx.set('access-control-allow-methods', allowedMethods);
  ctx.set('access-control-allow-headers', allowedRequestHeaders);
  ctx.set('access-control-max-age', '86400');
  ctx.status = 204;
  return true;
}
