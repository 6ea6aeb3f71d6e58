import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type {
  ClientCapabilities,
  JSONRPCMessage,
  LoggingLevel,
} from '@modelcontextprotocol/sdk/types.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { MultiplexTransport } from './multiplex-transport.js';
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
  stream: ServerResponse | undefined;
}

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
    const holder: { server?: Server } = {};
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
    };
    transport.standalone = (message: JSONRPCMessage) => {
      session.stream?.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
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
      if (
        session.lastSeen < cutoff &&
        session.transport.inFlight === 0 &&
        session.stream === undefined
      )
        await this.close(session.id);
    }
  }
}
