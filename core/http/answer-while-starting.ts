import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { answerJson, refuseRequest, retryAfterSeconds } from './refuse-request.js';

/**
 * Answers a request that arrives after the port is bound but before the server is ready (the
 * endpoints and the built-in authorization server are still being built): `/healthz` 200, as
 * the process is alive; `/readyz` 503 `{status: 'starting'}`; anything else 503
 * `SERVER_STARTING` with `Retry-After` and a JSON-RPC error body. Without it a connection
 * accepted in that window would get no answer at all.
 *
 * @example
 * const server = createServer(answerWhileStarting);
 */
export function answerWhileStarting(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?', 1)[0];
  if (path === '/healthz')
    return answerJson(res, { status: 200, body: JSON.stringify({ status: 'ok' }), close: false });
  if (path === '/readyz')
    return answerJson(res, {
      status: 503,
      body: JSON.stringify({ status: 'starting' }),
      close: false,
    });
  refuseRequest(
    res,
    new ServiceDeskError(
      'SERVER_STARTING',
      `the server is starting; retry in ${retryAfterSeconds} s`,
    ),
    { close: false },
  );
}
