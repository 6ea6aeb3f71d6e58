import type { ServerResponse } from 'node:http';
import type { ServiceDeskError } from '../errors/servicedesk-error.js';
import { jsonRpcErrorBody } from './json-rpc-message.js';

/** Seconds a client refused with 503 is asked to wait before it retries. */
export const retryAfterSeconds = 1;

/**
 * Answers a request with `error` straight on the Node response, without the app: the refusals
 * made before a request may reach it (the server is starting, the connection or its address is
 * over a limit). The body is the JSON-RPC error body the app sends for protocol errors; a 503
 * carries `Retry-After`, and `close` adds `Connection: close` so the client opens a new one.
 *
 * @example
 * refuseRequest(res, new ServiceDeskError('SERVER_STARTING', 'the server is starting'), { close: false });
 */
export function refuseRequest(
  res: ServerResponse,
  error: ServiceDeskError,
  options: { close: boolean },
): void {
  answerJson(res, {
    status: error.httpStatus,
    body: jsonRpcErrorBody(error.jsonRpcCode, error.message),
    close: options.close,
  });
}

/**
 * Writes a JSON body with its status straight on the Node response; a 503 carries `Retry-After`,
 * and `close` adds `Connection: close`.
 *
 * @example
 * answerJson(res, { status: 503, body: JSON.stringify({ status: 'starting' }), close: false });
 */
export function answerJson(
  res: ServerResponse,
  answer: { status: number; body: string; close: boolean },
): void {
  const { status, body } = answer;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...(status === 503 && { 'retry-after': String(retryAfterSeconds) }),
    ...(answer.close && { connection: 'close' }),
  });
  res.end(body);
}
