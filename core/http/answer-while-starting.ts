import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { jsonRpcErrorBody } from './json-rpc-message.js';

/** Seconds a client is asked to wait before retrying a request refused while starting. */
const retryAfterSeconds = '1';

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...(status === 503 && { 'retry-after': retryAfterSeconds }),
  });
  res.end(body);
}

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
  if (path === '/healthz') return answer(res, 200, JSON.stringify({ status: 'ok' }));
  if (path === '/readyz') return answer(res, 503, JSON.stringify({ status: 'starting' }));
  const error = new ServiceDeskError(
    'SERVER_STARTING',
    `the server is starting; retry in ${retryAfterSeconds} s`,
  );
  answer(res, error.httpStatus, jsonRpcErrorBody(error.jsonRpcCode, error.message));
}
