import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { McpEndpoint } from './mcp-endpoint.js';
import { PlainAnswer } from './plain-answer.js';
import { guardRequest, type RequestGuard } from './request-guard.js';
import { serveEndpoint } from './serve-endpoint.js';

/**
 * The server's request listener: a `POST` whose path (without its query) is exactly one of
 * `endpoints` is served without Koa, through the same guard, CORS, shutdown count, endpoint
 * and error answer as the app's ({@link guardRequest}, {@link serveEndpoint}) on a
 * {@link PlainAnswer}; every other request goes to `app` (ADR 0042). `endpoints` must hold
 * only paths no middleware before the app's endpoint lookup answers.
 *
 * @example
 * http.serve(mcpPostListener(app.callback(), { endpoints, guard, addressOf }));
 */
export function mcpPostListener(
  app: RequestListener,
  options: {
    readonly endpoints: ReadonlyMap<string, McpEndpoint>;
    readonly guard: RequestGuard;
    /** Koa's `ctx.ip` of a request, asked only for the failed-auth log. */
    readonly addressOf: (req: IncomingMessage, res: ServerResponse) => string;
  },
): RequestListener {
  const { endpoints, guard, addressOf } = options;
  return (req, res) => {
    if (req.method !== 'POST') return app(req, res);
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const endpoint = endpoints.get(path);
    if (endpoint === undefined) return app(req, res);
    const answer = new PlainAnswer(req, res, { path, addressOf });
    void guardRequest(answer, guard, () => serveEndpoint(answer, endpoint, guard.inFlight))
      .then(() => answer.finish())
      // Nothing above throws past the guard's error answer; a failure here is one of Node's own.
      .catch(() => res.destroy());
    return undefined;
  };
}
