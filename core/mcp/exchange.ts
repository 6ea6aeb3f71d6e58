import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';

/**
 * One HTTP POST and the JSON-RPC requests it carries. The reply is plain JSON unless a
 * notification for one of its requests (progress, a log line) arrives first and the client
 * accepts event streams; then the reply turns into an SSE stream on the spot. Most calls send
 * no notification and so pay nothing for streams.
 */
export class Exchange {
  readonly #res: ServerResponse;
  readonly #acceptsStream: boolean;
  readonly #expected = new Set<number>();
  readonly #responses: JSONRPCMessage[] = [];
  readonly #batch: boolean;
  #streaming = false;
  #finished = false;
  #resolve!: () => void;
  /** Settles when every request has its response (or was cancelled), or the client went away. */
  readonly done: Promise<void>;

  constructor(options: { res: ServerResponse; acceptsStream: boolean; batch: boolean }) {
    this.#res = options.res;
    this.#acceptsStream = options.acceptsStream;
    this.#batch = options.batch;
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
    if (this.#streaming) this.#res.end();
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
    for (const pending of this.#responses.splice(0)) this.#writeEvent(pending);
  }

  #writeEvent(message: JSONRPCMessage): void {
    this.#res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }
}

/** Restores the id the client used, replacing the server-side one. */
export function withId<T extends JSONRPCMessage>(message: T, id: RequestId): T {
  return { ...message, id };
}
