import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { subscriptionIdKey } from '../mcp/modern/envelope-keys.js';

/** What a `subscriptions/listen` stream receives (the filter the server honours). */
export interface ListenFilter {
  readonly toolsListChanged?: boolean;
  readonly resourceSubscriptions?: readonly string[];
  /** The caller's own tasks whose status the stream carries (Tasks extension). */
  readonly taskIds?: readonly string[];
}

/** Starts what a stream watches beyond the server's events (its tasks); returns how to stop it. */
export type StreamWatch = (
  notify: (method: string, params: Record<string, unknown>) => void,
) => () => void;

interface ListenStream {
  readonly res: ServerResponse;
  readonly id: RequestId;
  readonly callerKey: string;
  readonly filter: ListenFilter;
  readonly keepAlive: NodeJS.Timeout;
  stopWatching?: () => void;
}

/** How often an idle stream gets an SSE comment, so proxies do not close it. */
const keepAliveMs = 25_000;

function event(message: JSONRPCMessage): string {
  return `event: message\ndata: ${JSON.stringify(message)}\n\n`;
}

/**
 * The open `subscriptions/listen` streams of one collection (MCP 2026-07-28): each is the SSE
 * reply to one listen request, acknowledged first with the filter the server honours, then
 * carrying the notifications that filter selects, each tagged with the listen request's id. At
 * shutdown every stream gets the revision's closing result and ends. Streams are capped per
 * caller and in all, like stateful sessions.
 *
 * @example
 * const listening = new ListenStreams({ perCaller: 32, total: 10_000 });
 * if (listening.full(callerKey)) …; else listening.open(ctx.res, { id, callerKey, filter });
 */
export class ListenStreams {
  readonly #streams = new Set<ListenStream>();
  readonly #limits: { readonly perCaller: number; readonly total: number };

  constructor(limits: { readonly perCaller: number; readonly total: number }) {
    this.#limits = limits;
  }

  /** True when one more stream for `callerKey` would pass a limit. */
  full(callerKey: string): boolean {
    if (this.#streams.size >= this.#limits.total) return true;
    let mine = 0;
    for (const stream of this.#streams) if (stream.callerKey === callerKey) mine++;
    return mine >= this.#limits.perCaller;
  }

  /** Answers the listen request with an SSE stream, acknowledged with `filter`, then starts `watch`. */
  open(
    res: ServerResponse,
    listen: { readonly id: RequestId; readonly callerKey: string; readonly filter: ListenFilter },
    watch?: StreamWatch,
  ): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs).unref();
    const stream: ListenStream = { res, ...listen, keepAlive };
    this.#streams.add(stream);
    res.once('close', () => {
      clearInterval(keepAlive);
      stream.stopWatching?.();
      this.#streams.delete(stream);
    });
    this.#notify(stream, 'notifications/subscriptions/acknowledged', {
      notifications: listen.filter,
    });
    stream.stopWatching = watch?.((method, params) => {
      if (this.#streams.has(stream)) this.#notify(stream, method, params);
    });
  }

  /** Tells every stream that asked for tool-list changes that the tools changed. */
  toolListChanged(): void {
    for (const stream of this.#streams)
      if (stream.filter.toolsListChanged === true)
        this.#notify(stream, 'notifications/tools/list_changed', {});
  }

  /** Tells every stream subscribed to `uri` that the resource changed. */
  resourceUpdated(uri: string): void {
    for (const stream of this.#streams)
      if (stream.filter.resourceSubscriptions?.includes(uri) === true)
        this.#notify(stream, 'notifications/resources/updated', { uri });
  }

  /** Ends every stream with the revision's closing result (shutdown). */
  closeAll(): void {
    for (const stream of [...this.#streams]) {
      clearInterval(stream.keepAlive);
      stream.stopWatching?.();
      this.#streams.delete(stream);
      stream.res.end(
        event({
          jsonrpc: '2.0',
          id: stream.id,
          result: { resultType: 'complete', _meta: { [subscriptionIdKey]: stream.id } },
        }),
      );
    }
  }

  #notify(stream: ListenStream, method: string, params: Record<string, unknown>): void {
    stream.res.write(
      event({
        jsonrpc: '2.0',
        method,
        params: { ...params, _meta: { [subscriptionIdKey]: stream.id } },
      }),
    );
  }
}
