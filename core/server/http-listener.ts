import {
  createServer as createHttpServer,
  type RequestListener,
  type Server as HttpServer,
} from 'node:http';
import { Server as NetServer, type AddressInfo, type Socket } from 'node:net';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { answerWhileStarting } from '../http/answer-while-starting.js';
import { ConnectionLimit } from '../http/connection-limit.js';
import { pacedRequests } from '../http/paced-requests.js';
import { refuseRequest } from '../http/refuse-request.js';
import type { Logger } from '../log/logger.js';

/** How long a connection refused for its address may stay open without sending a request. */
const refusedLingerMs = 1_000;

/** Options of {@link HttpListener}. */
export interface HttpListenerOptions {
  readonly log: Logger;
  /** Open connections one remote address may hold (`http.maxConnectionsPerAddress`). */
  readonly maxConnectionsPerAddress: number;
  /** Requests one connection may have waiting behind the one being answered (`http.maxPipelinedRequests`). */
  readonly maxPipelinedRequests: number;
}

/**
 * The server's HTTP listener. It answers from the first accepted connection on: until `serve()`
 * hands it the app, every request gets {@link answerWhileStarting}'s answer; from then on the app
 * takes every request, including those of connections accepted while starting. It refuses a
 * connection beyond its address's limit (503 `HTTP_TOO_MANY_CONNECTIONS`, `Connection: close`)
 * and answers each connection one request at a time ({@link pacedRequests}).
 *
 * @example
 * const listener = new HttpListener({ log, maxConnectionsPerAddress: 512, maxPipelinedRequests: 16 });
 * const port = await listener.bind(3000, '127.0.0.1');
 * listener.serve(app.callback());
 */
export class HttpListener {
  readonly #server: HttpServer;
  readonly #connections = new Set<Socket>();
  #handle: RequestListener = answerWhileStarting;
  #closed: Promise<void> | undefined;
  #lastConnectionClosed: (() => void) | undefined;

  constructor(options: HttpListenerOptions) {
    const limit = new ConnectionLimit({
      perAddress: options.maxConnectionsPerAddress,
      log: options.log,
    });
    const refused = new WeakSet<Socket>();
    // The handler is looked up per request, so switching to the app leaves no gap.
    const paced = pacedRequests((req, res) => this.#handle(req, res), {
      maxQueued: options.maxPipelinedRequests,
      refuse: (_req, res) =>
        refuseRequest(res, pipelineFull(options.maxPipelinedRequests), { close: true }),
    });
    this.#server = createHttpServer((req, res) => {
      if (refused.has(req.socket))
        refuseRequest(res, tooManyConnections(options.maxConnectionsPerAddress), { close: true });
      else paced(req, res);
    });
    this.#server.keepAliveTimeout = 65_000;
    this.#server.on('connection', (socket: Socket) => {
      this.#connections.add(socket);
      socket.once('close', () => {
        this.#connections.delete(socket);
        if (this.#connections.size === 0) this.#lastConnectionClosed?.();
      });
      if (limit.admit(socket)) return;
      refused.add(socket);
      const linger = setTimeout(() => socket.destroy(), refusedLingerMs).unref();
      socket.once('close', () => clearTimeout(linger));
    });
  }

  /** Binds the port and resolves with the port bound (the one chosen when `port` is 0). */
  async bind(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    return (this.#server.address() as AddressInfo).port;
  }

  /** Hands every request from now on to `handle`. */
  serve(handle: RequestListener): void {
    this.#handle = handle;
  }

  /**
   * Stops accepting connections but leaves open ones alone. Node's own `close()` would also
   * close idle keep-alive connections at once, resetting any request a client has just sent on
   * one; during shutdown those requests are answered 503 with `Connection: close` instead.
   */
  stopAccepting(): void {
    if (this.#closed) return;
    this.#closed = new Promise((resolve) => this.#server.once('close', () => resolve()));
    if (this.#server.listening) NetServer.prototype.close.call(this.#server);
    else this.#server.emit('close');
  }

  /** Resolves at `deadline` (a `Date.now()` time), or earlier once no connection is left open. */
  async quiesce(deadline: number): Promise<void> {
    const wait = deadline - Date.now();
    if (wait <= 0 || this.#connections.size === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, wait);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#lastConnectionClosed = done;
    });
    this.#lastConnectionClosed = undefined;
  }

  /** Closes every connection, idle or not, and resolves once the server has closed. */
  async destroy(): Promise<void> {
    this.stopAccepting();
    // Node's close() also stops its connection-timeout timer; the port is closed already.
    this.#server.close();
    this.#server.closeAllConnections();
    await this.#closed;
  }
}

function tooManyConnections(limit: number): ServiceDeskError {
  return new ServiceDeskError(
    'HTTP_TOO_MANY_CONNECTIONS',
    `this address already holds ${limit} open connections (http.maxConnectionsPerAddress); reuse one or retry shortly`,
  );
}

function pipelineFull(limit: number): ServiceDeskError {
  return new ServiceDeskError(
    'HTTP_PIPELINE_FULL',
    `more than ${limit} requests were pipelined on this connection without reading the answers (http.maxPipelinedRequests); read each answer, or open another connection`,
  );
}
