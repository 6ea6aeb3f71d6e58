import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type {
  ClientCapabilities,
  JSONRPCMessage,
  LoggingLevel,
  RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Exchange } from './exchange.js';
import { MultiplexTransport } from './multiplex-transport.js';
import { SessionEvents, sseEvent, standaloneStream } from './session-events.js';
import { defaultClientLogLevel, type SessionState } from './session-state.js';

/** How many sessions one caller, and the whole collection, may hold. */
export interface SessionLimits {
  readonly perCaller: number;
  readonly total: number;
}

/** One stateful MCP session: its own server, transport and state, bound to one caller. */
export interface Session {
  readonly id: string;
  readonly ownerKey: string;
  readonly server: Server;
  readonly transport: MultiplexTransport;
  readonly state: SessionState;
  lastSeen: number;
  /** The open GET stream, which carries what belongs to no request. */
  stream: ServerResponse | undefined;
  /** Every event sent on the session's streams, kept (bounded) for `Last-Event-ID`. */
  readonly events: SessionEvents;
  /** Standalone events raised while no GET stream was open, for the next one (bounded). */
  readonly queued: string[];
  /** POST streams the server closed while their calls go on, by stream key, until resumed. */
  readonly detached: Map<string, Exchange>;
}

/** Standalone events kept for a client with no GET stream open; older ones are dropped. */
const maxQueued = 100;

/**
 * Creates, finds and expires the sessions of one stateful collection. Session ids are 256 random
 * bits; a session answers only the caller (user and client) that opened it.
 */
export class SessionManager {
  readonly #sessions = new Map<string, Session>();
  readonly #idleMs: number;
  readonly #limits: SessionLimits;
  readonly #createServer: (state: SessionState) => Server;
  readonly #sweeper: NodeJS.Timeout;

  constructor(options: {
    idleMs: number;
    limits: SessionLimits;
    createServer: (state: SessionState) => Server;
  }) {
    this.#idleMs = options.idleMs;
    this.#limits = options.limits;
    this.#createServer = options.createServer;
    this.#sweeper = setInterval(
      () => void this.#sweep(),
      Math.max(1000, Math.min(60_000, options.idleMs / 2)),
    ).unref();
  }

  /**
   * Opens a session for `ownerKey`. A caller at its limit loses its least recently used idle
   * session (clients that never send DELETE would otherwise pile them up); a server at its limit
   * refuses with SESSION_LIMIT_REACHED.
   */
  async open(ownerKey: string): Promise<Session> {
    const owned = [...this.#sessions.values()].filter((s) => s.ownerKey === ownerKey);
    if (owned.length >= this.#limits.perCaller) {
      const evictable = owned
        .filter((s) => s.transport.inFlight === 0)
        .sort((a, b) => a.lastSeen - b.lastSeen)[0];
      if (!evictable) {
        throw new ServiceDeskError(
          'SESSION_LIMIT_REACHED',
          `you already have ${owned.length} busy sessions; end one (DELETE) or wait for its calls to finish`,
        );
      }
      await this.close(evictable.id);
    }
    if (this.#sessions.size >= this.#limits.total) {
      throw new ServiceDeskError(
        'SESSION_LIMIT_REACHED',
        'the server holds as many sessions as it may; retry later',
      );
    }
    const id = randomBytes(32).toString('base64url');
    const holder: { server?: Server; closeStream?: (requestId: RequestId) => boolean } = {};
    let logLevel: LoggingLevel = defaultClientLogLevel;
    const state: SessionState = {
      stateful: true,
      get logLevel() {
        return logLevel;
      },
      set logLevel(level) {
        logLevel = level;
      },
      subscriptions: new Set<string>(),
      clientCapabilities: (): ClientCapabilities | undefined =>
        holder.server?.getClientCapabilities(),
      closeStream: (requestId) => holder.closeStream?.(requestId) ?? false,
    };
    const server = this.#createServer(state);
    holder.server = server;
    const transport = new MultiplexTransport(id);
    const session: Session = {
      id,
      ownerKey,
      server,
      transport,
      state,
      lastSeen: Date.now(),
      stream: undefined,
      events: new SessionEvents(),
      queued: [],
      detached: new Map(),
    };
    holder.closeStream = (requestId) => {
      const exchange = transport.closeStream(requestId);
      if (exchange?.stream === undefined) return false;
      session.detached.set(exchange.stream, exchange);
      return true;
    };
    transport.standalone = (message: JSONRPCMessage) => {
      const event = sseEvent(session.events.record(standaloneStream, message));
      if (session.stream) session.stream.write(event);
      else if (session.queued.push(event) > maxQueued) session.queued.shift();
    };
    await server.connect(transport);
    this.#sessions.set(id, session);
    return session;
  }

  /** The session with this id if it belongs to `ownerKey`; otherwise undefined (never another's). */
  find(id: string, ownerKey: string): Session | undefined {
    const session = this.#sessions.get(id);
    if (!session || session.ownerKey !== ownerKey) return undefined;
    session.lastSeen = Date.now();
    return session;
  }

  all(): IterableIterator<Session> {
    return this.#sessions.values();
  }

  async close(id: string): Promise<void> {
    const session = this.#sessions.get(id);
    if (!session) return;
    this.#sessions.delete(id);
    session.stream?.end();
    await session.server.close();
  }

  async closeAll(): Promise<void> {
    clearInterval(this.#sweeper);
    await Promise.all([...this.#sessions.keys()].map((id) => this.close(id)));
  }

  async #sweep(): Promise<void> {
    const cutoff = Date.now() - this.#idleMs;
    for (const session of [...this.#sessions.values()]) {
      for (const [stream, exchange] of session.detached)
        if (exchange.finished) session.detached.delete(stream);
      if (
        session.lastSeen < cutoff &&
        session.transport.inFlight === 0 &&
        session.stream === undefined
      )
        await this.close(session.id);
    }
  }
}
