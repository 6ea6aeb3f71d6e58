import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A client's loopback redirect URI (RFC 8252 §7.3): a tiny HTTP server on 127.0.0.1. */
export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port>/callback` */
  readonly uri: string;
  /** Every URL the browser was sent to, in order. */
  readonly received: readonly URL[];
  /** Resolves with the callback carrying `state` (already received or still to come). */
  callbackFor(state: string): Promise<URL>;
  close(): Promise<void>;
}

/**
 * Listens on an ephemeral loopback port and answers every callback with a small "you can close
 * this window" page, like a desktop MCP client does.
 *
 * @example
 * const redirect = await startLoopbackRedirect();
 * const callback = await redirect.callbackFor(state); // after the browser came back
 */
export async function startLoopbackRedirect(): Promise<LoopbackRedirect> {
  const received: URL[] = [];
  const waiting = new Map<string, (url: URL) => void>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/callback') {
      received.push(url);
      const state = url.searchParams.get('state') ?? '';
      waiting.get(state)?.(url);
      waiting.delete(state);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
    res.end('<!doctype html><title>Signed in</title><p>You can close this window.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${String(port)}/callback`,
    received,
    callbackFor: (state) => {
      const ready = received.find((url) => url.searchParams.get('state') === state);
      if (ready) return Promise.resolve(ready);
      return new Promise<URL>((resolve) => waiting.set(state, resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
