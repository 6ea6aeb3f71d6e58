import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which process the balancer sends the next request to. */
export type Route = 'a' | 'b' | 'alternate';

/**
 * A tiny HTTP load balancer in front of two server processes, as in a real deployment: both
 * share its URL as their public URL, and a test decides which process answers each request.
 */
export class LoadBalancer {
  route: Route = 'a';
  readonly #server: Server;
  #ports: { a: number; b: number } | undefined;
  #turn = 0;

  constructor() {
    this.#server = createServer((incoming, outgoing) => {
      const ports = this.#ports;
      if (ports === undefined) {
        outgoing.writeHead(503).end();
        return;
      }
      const to = this.route === 'alternate' ? (this.#turn++ % 2 === 0 ? 'a' : 'b') : this.route;
      const upstream = request(
        {
          host: '127.0.0.1',
          port: ports[to],
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      upstream.on('error', () => outgoing.writeHead(502).end());
      incoming.pipe(upstream);
    });
  }

  /** Listens on a free loopback port and returns the balancer's URL. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Sets the two processes' ports once they listen. */
  connect(ports: { a: number; b: number }): void {
    this.#ports = ports;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
