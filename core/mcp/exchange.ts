import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { sseEvent, type SessionEvents } from './session-events.js';

/** How long a client waits before reconnecting to a stream the server closed (SSE `retry`). */
const reconnectAfterMs = 1000;

/**
 * One HTTP POST and the JSON-RPC requests it carries. The reply is plain JSON unless a
 * notification for one of its requests (progress, a log line) arrives first and the client
 * accepts event streams; then the reply turns into an SSE stream on the spot. Most calls send
 * no notification and so pay nothing for streams.
 *
 * In a stateful session (`events` given) a stream is resumable: it opens with a priming event
 * (an id and `retry`, no data), every event has an id and is kept, and {@link closeStream} may end
 * the HTTP response while the calls go on; the client reconnects with `Last-Event-ID` and the
 * rest reaches it through {@link resume}.
 */
export class Exchange {
  readonly #res: ServerResponse;
  readonly #acceptsStream: boolean;
  readonly #expected = new Set<number>();
  readonly #responses: JSONRPCMessage[] = [];
  readonly #batch: boolean;
  readonly #events: SessionEvents | undefined;
  #stream: string | undefined;
  /** The response ended by the server before the calls did (see closeStream). */
  #detached = false;
  /** The reconnected GET that receives the rest of a detached stream. */
  #resumed: ServerResponse | undefined;
  #streaming = false;
  #finished = false;
  #resolve!: () => void;
  /** Settles when every request has its response (or was cancelled), or the client went away. */
  readonly done: Promise<void>;

  constructor(options: {
    res: ServerResponse;
    acceptsStream: boolean;
    batch: boolean;
    events?: SessionEvents;
  }) {
    this.#res = options.res;
    this.#acceptsStream = options.acceptsStream;
    this.#batch = options.batch;
    this.#events = options.events;
    this.done = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  get streaming(): boolean {
    return this.#streaming;
  }

  get finished(): boolean {
    return this.#finished;
  }

  /** True once the server ended the response while calls go on (they are not abandoned). */
  get detached(): boolean {
    return this.#detached;
  }

  /** The resumable stream's key, once the reply is a stream in a stateful session. */
  get stream(): string | undefined {
    return this.#stream;
  }

  /**
   * Ends the HTTP response now while the calls go on (a stateful session's client that accepts
   * streams only): the client reconnects with `Last-Event-ID` and gets the rest through
   * {@link resume}. Returns false when the stream cannot be resumed, so nothing was done.
   */
  closeStream(): boolean {
    if (this.#events === undefined || !this.#acceptsStream || this.#finished || this.#detached)
      return false;
    if (!this.#streaming) this.#startStream();
    this.#detached = true;
    this.#res.end();
    this.#resolve();
    return true;
  }

  /**
   * Sends the rest of a detached stream to `res` (a reconnected GET, after the caller replayed
   * the kept events); `res` ends with the last response, or at once if that was sent already.
   */
  resume(res: ServerResponse): void {
    if (this.#finished) {
      res.end();
      return;
    }
    this.#resumed?.end();
    this.#resumed = res;
    res.once('close', () => {
      if (this.#resumed === res) this.#resumed = undefined;
    });
  }

  /** Internal ids still waiting for a response. */
  get outstanding(): ReadonlySet<number> {
    return this.#expected;
  }

  expect(internalId: number): void {
    this.#expected.add(internalId);
  }

  /** The response to one of this exchange's requests, with the client's own id restored. */
  respond(internalId: number, message: JSONRPCMessage): void {
    if (!this.#expected.delete(internalId) || this.#finished) return;
    if (this.#streaming) this.#writeEvent(message);
    else this.#responses.push(message);
    this.#settleIfComplete();
  }

  /** A request of this exchange ended without a response (cancelled). */
  drop(internalId: number): void {
    if (this.#expected.delete(internalId)) this.#settleIfComplete();
  }

  /** A notification or server-to-client request tied to one of this exchange's requests. */
  relate(message: JSONRPCMessage): void {
    if (this.#finished || !this.#acceptsStream) return;
    if (!this.#streaming) this.#startStream();
    this.#writeEvent(message);
  }

  /** The JSON body to send when not streaming (undefined when nothing is to be sent). */
  /** The JSON-RPC error code of a single response, if it is an error (the HTTP status may depend on it). */
  get errorCode(): number | undefined {
    const only = this.#batch ? undefined : this.#responses[0];
    return only !== undefined && 'error' in only ? only.error.code : undefined;
  }

  /** The `data` of a single response's error (a refusal's `retryAfter`, for the HTTP reply). */
  get errorData(): Readonly<Record<string, unknown>> | undefined {
    const only = this.#batch ? undefined : this.#responses[0];
    const data = only !== undefined && 'error' in only ? only.error.data : undefined;
    return typeof data === 'object' && data !== null
      ? (data as Record<string, unknown>)
      : undefined;
  }

  jsonBody(): string | undefined {
    if (this.#responses.length === 0) return undefined;
    return JSON.stringify(this.#batch ? this.#responses : this.#responses[0]);
  }

  /** The client closed the connection: stop writing and let the caller clean up. */
  abandon(): void {
    this.#finished = true;
    this.#resolve();
  }

  #settleIfComplete(): void {
    if (this.#expected.size > 0) return;
    this.#finished = true;
    if (this.#detached) this.#resumed?.end();
    else if (this.#streaming) this.#res.end();
    this.#resolve();
  }

  #startStream(): void {
    this.#streaming = true;
    this.#res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    });
    this.#res.flushHeaders();
    if (this.#events !== undefined) {
      this.#stream = this.#events.newStream();
      this.#res.write(
        `id: ${this.#events.mark(this.#stream)}\nretry: ${reconnectAfterMs}\ndata: \n\n`,
      );
    }
    for (const pending of this.#responses.splice(0)) this.#writeEvent(pending);
  }

  #writeEvent(message: JSONRPCMessage): void {
    if (this.#events === undefined || this.#stream === undefined) {
      this.#res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
      return;
    }
    const event = sseEvent(this.#events.record(this.#stream, message));
    if (!this.#detached) this.#res.write(event);
    else this.#resumed?.write(event);
  }
}

/** Restores the id the client used, replacing the server-side one. */
export function withId<T extends JSONRPCMessage>(message: T, id: RequestId): T {
  return { ...message, id };
}
