import { errorCodes } from '../errors/error-codes.js';
import { jsonContentType, type HttpAnswer } from './http-answer.js';
import { jsonRpcRefusalBody } from './json-rpc-message.js';
import type { EraRefusal } from './protocol-era.js';

/**
 * Answers a POST refused before dispatch (ADR 0026's ladder) with the status and JSON-RPC code
 * of its error code, the request's own id, and the refusal's data.
 *
 * @example
 * if (era.era === 'refused') return answerRefusal(ctx, era.refusal);
 */
export function answerRefusal(ctx: HttpAnswer, refusal: EraRefusal): void {
  const { http, jsonRpc } = errorCodes[refusal.code];
  ctx.status = http;
  ctx.set('Content-Type', jsonContentType);
  ctx.body = jsonRpcRefusalBody({ ...refusal, jsonRpc });
}
