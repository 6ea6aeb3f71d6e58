import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** One event as written on an SSE stream. */
export interface StreamEvent {
  readonly id: string;
  readonly data: string;
}

/** The stream that carries what belongs to no request: list changes, resource updates. */
export const standaloneStream = 'g';

/** How many events a session keeps for replay; older ones can no longer be resumed from. */
const maxKeptEvents = 500;

/**
 * The events a stateful session sent on its SSE streams, kept (bounded) so a client that lost a
 * stream can resume it with `Last-Event-ID` (Streamable HTTP resumability, SEP-1699). An event id
 * is `<stream>.<sequence>`: it names the stream it belongs to, so a resumption finds it.
 *
 * @example
 * const events = new SessionEvents();
 * const priming = events.mark('p1');            // 'p1.1'
 * events.record('p1', response);                // 'p1.2'
 * events.after('p1.1')                           // { stream: 'p1', events: [{ id: 'p1.2', … }] }
 */
export class SessionEvents {
  #sequence = 0;
  #streams = 0;
  readonly #kept: { readonly stream: string; readonly seq: number; readonly data: string }[] = [];

  /** A new stream key for a POST answered as an event stream. */
  newStream(): string {
    this.#streams += 1;
    return `p${this.#streams}`;
  }

  /** An id that marks the current position of `stream` without an event (a priming event's). */
  mark(stream: string): string {
    this.#sequence += 1;
    return `${stream}.${this.#sequence}`;
  }

  /** Keeps `message` as the next event of `stream` and returns its id. */
  record(stream: string, message: JSONRPCMessage): StreamEvent {
    this.#sequence += 1;
    const data = JSON.stringify(message);
    this.#kept.push({ stream, seq: this.#sequence, data });
    if (this.#kept.length > maxKeptEvents) this.#kept.shift();
    return { id: `${stream}.${this.#sequence}`, data };
  }

  /**
   * The events of the stream `lastEventId` belongs to that came after it, oldest first; undefined
   * when the id is not one of this session's or is older than what is kept.
   */
  after(lastEventId: string): { stream: string; events: StreamEvent[] } | undefined {
    const match = /^([a-z]\d*)\.(\d+)$/.exec(lastEventId);
    if (match === null) return undefined;
    const [, stream = '', seqText = ''] = match;
    const seq = Number(seqText);
    if (seq > this.#sequence) return undefined;
    const oldest = this.#kept[0]?.seq ?? this.#sequence + 1;
    // An id older than every kept event may have had events after it that are gone.
    if (seq < oldest - 1 && this.#kept.length === maxKeptEvents) return undefined;
    const events = this.#kept
      .filter((e) => e.stream === stream && e.seq > seq)
      .map((e) => ({ id: `${e.stream}.${e.seq}`, data: e.data }));
    return { stream, events };
  }
}

/** One event in SSE form, with its id. */
export function sseEvent(event: StreamEvent): string {
  return `id: ${event.id}\nevent: message\ndata: ${event.data}\n\n`;
}
