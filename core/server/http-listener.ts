import {
  createServer as createHttpServer,
  type RequestListener,
  type Server as HttpServer,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerWhileStarting } from '../http/answer-while-starting.js';

/**
 * The server's HTTP listener. It answers from the first accepted connection on: until `serve()`
 * hands it the app, every request gets {@link answerWhileStarting}'s answer; from then on the app
 * takes every request, including those of connections accepted while starting.
 *
 * @example
 * const listener = new HttpListener();
 * const port = await listener.bind(3000, '127.0.0.1');
 * listener.serve(app.callback());
 */
export class HttpListener {
  readonly #server: HttpServer;
  #handle: RequestListener = answerWhileStarting;

  constructor() {
    // The handler is looked up per request, so switching to the app leaves no gap.
    this.#server = createHttpServer((req, res) => this.#handle(req, res));
    this.#server.keepAliveTimeout = 65_000;
  }

  /** The Node server, for shutdown. */
  get server(): HttpServer {
    return this.#server;
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

  /** Closes every connection and stops listening. */
  async destroy(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }
}
