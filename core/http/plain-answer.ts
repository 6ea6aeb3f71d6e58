import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { CollectionRegistry } from '../collection/collection-registry.js';
import { jsonContentType, type HttpAnswer } from './http-answer.js';

const textType = 'text/plain; charset=utf-8';
const htmlType = 'text/html; charset=utf-8';

/**
 * An {@link HttpAnswer} straight on Node's request and response, for the MCP POST fast path
 * (ADR 0042): the same headers and body Koa would send for what the endpoint sets, without
 * Koa's context, request and response objects per request. `finish` does what Koa's `respond`
 * does for the bodies the endpoint sets (a string, `null` for 202, a JSON value, or none).
 *
 * @example
 * const answer = new PlainAnswer(req, res, { path: '/mcp/agent', addressOf });
 * await endpoint.handle(answer);
 * answer.finish();
 */
export class PlainAnswer implements HttpAnswer {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly path: string;
  readonly state: { registry?: CollectionRegistry } = {};
  respond = true;
  readonly #addressOf: (req: IncomingMessage, res: ServerResponse) => string;
  #body: unknown = undefined;
  #explicitStatus = false;
  #explicitNull = false;

  constructor(
    req: IncomingMessage,
    res: ServerResponse,
    options: {
      readonly path: string;
      /** Koa's `ctx.ip` for this request, computed only when asked (the failed-auth log). */
      readonly addressOf: (req: IncomingMessage, res: ServerResponse) => string;
    },
  ) {
    this.req = req;
    this.res = res;
    this.path = options.path;
    this.#addressOf = options.addressOf;
    // As Koa: an answer nobody sets a status for is a 404.
    res.statusCode = 404;
  }

  get method(): string {
    return this.req.method ?? 'GET';
  }

  get ip(): string {
    return this.#addressOf(this.req, this.res);
  }

  get headerSent(): boolean {
    return this.res.headersSent;
  }

  get status(): number {
    return this.res.statusCode;
  }

  set status(code: number) {
    if (this.res.headersSent) return;
    this.#explicitStatus = true;
    this.res.statusCode = code;
  }

  get body(): unknown {
    return this.#body;
  }

  set body(value: unknown) {
    this.#body = value;
    if (value === null || value === undefined) {
      this.#explicitNull = value === null;
      this.res.removeHeader('content-type');
      this.res.removeHeader('content-length');
      this.res.removeHeader('transfer-encoding');
      return;
    }
    if (!this.#explicitStatus) this.status = 200;
    if (typeof value !== 'string') return;
    if (!this.res.hasHeader('content-type'))
      this.res.setHeader('Content-Type', /^\s*</.test(value) ? htmlType : textType);
    this.res.setHeader('Content-Length', Buffer.byteLength(value));
  }

  get(field: string): string {
    const value = this.req.headers[field.toLowerCase()];
    return (Array.isArray(value) ? value.join(', ') : value) ?? '';
  }

  set(field: string, value: string): void {
    if (!this.res.headersSent) this.res.setHeader(field, value);
  }

  vary(field: string): void {
    const current = this.res.getHeader('vary');
    if (current === undefined) return void this.res.setHeader('Vary', field);
    const fields = String(current).split(/\s*,\s*/);
    if (fields.includes('*') || fields.some((f) => f.toLowerCase() === field.toLowerCase())) return;
    this.res.setHeader('Vary', `${String(current)}, ${field}`);
  }

  /** Writes the answer, as Koa's `respond` would once the middleware is done. */
  finish(): void {
    const res = this.res;
    if (!this.respond) return;
    if (res.writableEnded || (res.socket !== null && !res.socket.writable)) {
      res.end();
      return;
    }
    const body = this.#body;
    // A string's length was set with it, as Koa's body setter does.
    if (typeof body === 'string') return void res.end(body);
    let text: string;
    if (body === null || body === undefined) {
      if (this.#explicitNull) {
        res.removeHeader('content-type');
        res.removeHeader('transfer-encoding');
        res.setHeader('Content-Length', 0);
        res.end();
        return;
      }
      // Koa's answer for a status set without a body: its message as plain text.
      text = res.statusMessage || STATUS_CODES[res.statusCode] || String(res.statusCode);
      if (!res.headersSent) res.setHeader('Content-Type', textType);
    } else {
      text = JSON.stringify(body);
      if (!res.headersSent && !/\bjson\b/i.test(String(res.getHeader('content-type') ?? '')))
        res.setHeader('Content-Type', jsonContentType);
    }
    if (!res.headersSent) res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  }
}
