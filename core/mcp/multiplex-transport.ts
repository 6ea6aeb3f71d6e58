import type {
  Transport,
  TransportSendOptions,
} from '@modelcontextprotocol/sdk/shared/transport.js';
import type {
  JSONRPCMessage,
  MessageExtraInfo,
  RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { errorResponse, plainMessage } from '../errors/protocol-error.js';
import { runDirect, type DirectHandler } from './direct-request.js';
import { LazyAbort } from './lazy-abort.js';
import { withId, type Exchange } from './exchange.js';
import { paramsRefusal } from './request-params.js';

interface PendingRequest {
  readonly exchange: Exchange;
  readonly originalId: RequestId;
  readonly cancelKey: string;
}

function isResponse(message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId } {
  return 'id' in message && ('result' in message || 'error' in message);
}

/**
 * The response with its error's message plain: the SDK sends an `McpError`'s message, which
 * already starts with `MCP error <code>: `, and a client SDK would prefix it a second time.
 */
function withPlainError(message: JSONRPCMessage): JSONRPCMessage {
  if (!('error' in message)) return message;
  const plain = plainMessage(message.error.code, message.error.message);
  return plain === message.error.message
    ? message
    : { ...message, error: { ...message.error, message: plain } };
}

function isRequest(
  message: JSONRPCMessage,
): message is JSONRPCMessage & { id: RequestId; method: string } {
  return 'id' in message && 'method' in message;
}

/**
 * A transport that lets one long-lived SDK `Server` serve many HTTP exchanges at once, from
 * many callers. Each incoming request gets a fresh server-side id (so two clients both sending
 * id 1 never collide inside the server) and carries its own caller in `authInfo`; responses are
 * routed back to the exchange that asked, with the client's id restored.
 */
export class MultiplexTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  readonly sessionId: string | undefined;
  /** Receives server messages tied to no request (list changes, resource updates). */
  standalone: ((message: JSONRPCMessage) => void) | undefined;

  #nextId = 1;
  readonly #pending = new Map<number, PendingRequest>();
  readonly #byCancelKey = new Map<string, number>();
  readonly #direct = new Map<string, DirectHandler>();
  readonly #directControllers = new Map<number, LazyAbort>();
  #closed = false;

  constructor(sessionId?: string) {
    this.sessionId = sessionId;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Answers `method` with our own handler instead of the SDK server. Used for the stateless
   * `tools/call` hot path, where the server's repeated schema parses cost more than the call.
   */
  answerDirectly(method: string, handler: DirectHandler): void {
    this.#direct.set(method, handler);
  }

  /** True when `method` has a direct handler. */
  answers(method: string): boolean {
    return this.#direct.has(method);
  }

  /** Number of requests the server is working on. */
  get inFlight(): number {
    return this.#pending.size;
  }

  /**
   * Hands the messages of one HTTP POST to the server. `callerKey` scopes the client's request
   * ids for cancellation: a session id, or the caller (user and client) when stateless.
   */
  dispatch(
    exchange: Exchange,
    messages: readonly JSONRPCMessage[],
    context: { extra: MessageExtraInfo; callerKey: string },
  ): void {
    for (const message of messages) {
      if (isRequest(message)) {
        const internalId = this.#nextId++;
        const cancelKey = `${context.callerKey}\u0000${String(message.id)}`;
        this.#pending.set(internalId, { exchange, originalId: message.id, cancelKey });
        this.#byCancelKey.set(cancelKey, internalId);
        exchange.expect(internalId);
        const direct = this.#direct.get(message.method);
        // A direct handler checks its own params, so its hot path pays for no second parse.
        const refusal = direct ? undefined : paramsRefusal(message);
        if (refusal) {
          void this.send(errorResponse(internalId, refusal));
        } else if (direct) {
          const request = withId(message, internalId) as JSONRPCMessage & {
            id: number;
            method: string;
          };
          this.#runDirect(request, direct, context.extra);
        } else this.onmessage?.(withId(message, internalId), context.extra);
      } else if ('method' in message && message.method === 'notifications/cancelled') {
        const params = (message as { params?: { requestId?: RequestId; reason?: string } }).params;
        const internalId = this.#byCancelKey.get(
          `${context.callerKey}\u0000${String(params?.requestId)}`,
        );
        if (internalId !== undefined)
          this.cancel(internalId, params?.reason ?? 'cancelled by the client');
      } else {
        // Notifications, and the client's answers to server-to-client requests (whose ids the
        // server chose), pass through unchanged.
        this.onmessage?.(message, context.extra);
      }
    }
  }

  /** Aborts one request: its handler's signal fires and its exchange stops waiting for it. */
  cancel(internalId: number, reason: string): void {
    const pending = this.#pending.get(internalId);
    if (!pending) return;
    this.#forget(internalId, pending);
    const direct = this.#directControllers.get(internalId);
    if (direct) direct.abort(reason);
    else {
      this.onmessage?.({
        jsonrpc: '2.0',
        method: 'notifications/cancelled',
        params: { requestId: internalId, reason },
      });
    }
    pending.exchange.drop(internalId);
  }

  /**
   * Ends the HTTP response of the exchange carrying request `internalId` while it goes on (see
   * `Exchange.closeStream`); returns that exchange when it did.
   */
  closeStream(internalId: RequestId): Exchange | undefined {
    if (typeof internalId !== 'number') return undefined;
    const exchange = this.#pending.get(internalId)?.exchange;
    return exchange?.closeStream() === true ? exchange : undefined;
  }

  /** Aborts every request of an exchange whose client went away. */
  abandon(exchange: Exchange): void {
    for (const internalId of [...exchange.outstanding])
      this.cancel(internalId, 'the client disconnected');
    exchange.abandon();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (isResponse(message) && typeof message.id === 'number') {
      const pending = this.#pending.get(message.id);
      if (pending) {
        this.#forget(message.id, pending);
        pending.exchange.respond(message.id, withId(withPlainError(message), pending.originalId));
      }
      return Promise.resolve();
    }
    const related = options?.relatedRequestId;
    if (related !== undefined && typeof related === 'number') {
      this.#pending.get(related)?.exchange.relate(message);
      return Promise.resolve();
    }
    this.standalone?.(message);
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    for (const [internalId, pending] of [...this.#pending]) {
      this.#forget(internalId, pending);
      this.#directControllers.get(internalId)?.abort('the server is shutting down');
      pending.exchange.drop(internalId);
    }
    this.onclose?.();
    return Promise.resolve();
  }

  #runDirect(
    request: JSONRPCMessage & { id: number; method: string },
    handler: DirectHandler,
    extra: MessageExtraInfo | undefined,
  ): void {
    const controller = new LazyAbort();
    this.#directControllers.set(request.id, controller);
    void runDirect(request, handler, {
      controller,
      extra,
      send: (message, relatedRequestId) =>
        this.send(
          message,
          relatedRequestId === undefined || 'result' in message || 'error' in message
            ? undefined
            : { relatedRequestId },
        ),
    }).finally(() => this.#directControllers.delete(request.id));
  }

  #forget(internalId: number, pending: PendingRequest): void {
    this.#pending.delete(internalId);
    if (this.#byCancelKey.get(pending.cancelKey) === internalId)
      this.#byCancelKey.delete(pending.cancelKey);
  }
}
