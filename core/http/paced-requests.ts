import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** One connection's turn-taking: whether a request is being answered, and who waits. */
interface Turns {
  busy: boolean;
  readonly waiting: (readonly [IncomingMessage, ServerResponse])[];
}

/** Options of {@link pacedRequests}. */
export interface PacingOptions {
  /** Requests one connection may have waiting behind the one being answered. */
  readonly maxQueued: number;
  /** Answers a request that finds the queue full, without running the app. */
  readonly refuse: RequestListener;
}

/**
 * Wraps a request listener so each connection is answered one request at a time. Node parses
 * every request a client pipelines (HTTP/1.1) and would run the app for all of them at once,
 * holding each finished response in memory until the client reads the ones before it; a client
 * that never reads made the server keep thousands. Here a connection's next request is handed
 * to the app only once the previous response has closed and the socket's write buffer is below
 * its high-water mark; up to `maxQueued` requests wait, and any beyond get `refuse`'s cheap
 * answer (Node queues it in order and, as those answers pile up, stops reading the socket).
 * The next turn starts from `setImmediate`, after the event loop has read other sockets: started
 * from the answer's `close` (a tick callback), fifty connections' pipelines ran back to back
 * without the loop ever reading a new request, and a well-behaved client waited seconds.
 * Clients that send one request at a time never wait.
 *
 * @example
 * const server = createServer(pacedRequests(app.callback(), { maxQueued: 16, refuse }));
 */
export function pacedRequests(handle: RequestListener, options: PacingOptions): RequestListener {
  const turns = new WeakMap<Socket, Turns>();

  const next = (socket: Socket, state: Turns): void => {
    // An answer with Connection: close ends the socket; Node drops the requests still waiting.
    if (socket.destroyed || socket.writableEnded) {
      state.waiting.length = 0;
      state.busy = false;
      return;
    }
    const queued = state.waiting.shift();
    if (queued) run(socket, state, queued);
    else state.busy = false;
  };

  const run = (
    socket: Socket,
    state: Turns,
    [req, res]: readonly [IncomingMessage, ServerResponse],
  ): void => {
    state.busy = true;
    res.once('close', () => {
      if (socket.writableNeedDrain && !socket.destroyed)
        socket.once('drain', () => setImmediate(next, socket, state));
      // Nothing waiting (a client sending one request at a time): free the turn now, no hop.
      else if (state.waiting.length === 0) state.busy = false;
      else setImmediate(next, socket, state);
    });
    void handle(req, res);
  };

  return (req, res) => {
    const socket = req.socket;
    let state = turns.get(socket);
    if (!state) {
      state = { busy: false, waiting: [] };
      turns.set(socket, state);
    }
    if (!state.busy) run(socket, state, [req, res]);
    else if (state.waiting.length < options.maxQueued) state.waiting.push([req, res]);
    else void options.refuse(req, res);
  };
}
