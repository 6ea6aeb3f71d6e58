import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CollectionRegistry } from '../collection/collection-registry.js';

/** The header Koa's `ctx.type = 'application/json'` sets, written without its MIME lookup. */
export const jsonContentType = 'application/json; charset=utf-8';

/**
 * The part of a Koa context an MCP endpoint answers through. Koa's `Context` has it, and so has
 * {@link PlainAnswer}, the light object the POST fast path uses (ADR 0042), so the endpoint and
 * its helpers are written once and behave the same on both paths.
 *
 * @example
 * function answerTeapot(answer: HttpAnswer): void {
 *   answer.status = 418;
 *   answer.set('Content-Type', jsonContentType);
 *   answer.body = '{}';
 * }
 */
export interface HttpAnswer {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  /** The request's path without its query. */
  readonly path: string;
  /** The client address: the socket's, or with `http.trustProxy` the first of `X-Forwarded-For`. */
  readonly ip: string;
  readonly headerSent: boolean;
  /** The collection the request is for, once its path is matched (read by the error answer). */
  readonly state: { registry?: CollectionRegistry };
  status: number;
  /** A string, `null` for an explicitly empty body, or a value sent as JSON. */
  body: unknown;
  /** False once the answer is written by other means (an SSE stream). */
  respond?: boolean;
  /** A request header, or '' when absent. */
  get(field: string): string;
  set(field: string, value: string): void;
  vary(field: string): void;
}
