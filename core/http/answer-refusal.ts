import type { Context } from 'koa';
import { errorCodes } from '../errors/error-codes.js';
import { jsonRpcRefusalBody } from './json-rpc-message.js';
import type { EraRefusal } from './protocol-era.js';

/**
 * Answers a POST refused before dispatch (ADR 0026's ladder) with the status and JSON-RPC code
 * of its error code, the request's own id, and the refusal's data.
 *
 * @example
 * if (era.era === 'refused') return answerRefusal(ctx, era.refusal);
 */
export function answerRefusal(ctx: Context, refusal: EraRefusal): void {
  const { http, jsonRpc } = errorCodes[refusal.code];
  ctx.status = http;
  ctx.type = 'application/json';
  ctx.body = jsonRpcRefusalBody({ ...refusal, jsonRpc });
}
