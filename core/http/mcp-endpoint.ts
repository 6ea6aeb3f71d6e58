import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  SUPPORTED_PROTOCOL_VERSIONS,
  type JSONRPCMessage,
} from '@modelcontextprotocol/sdk/types.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { CollectionAuthenticator } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { CollectionRegistry } from '../collection/collection-registry.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { DirectHandler } from '../mcp/direct-request.js';
import { MultiplexTransport } from '../mcp/multiplex-transport.js';
import { legacyContext } from '../mcp/request-context.js';
import { authInfoFor } from '../mcp/request-principal.js';
import { SessionManager, type Session, type SessionLimits } from '../mcp/session-manager.js';
import { statelessState, type SessionState } from '../mcp/session-state.js';
import { jsonContentType, type HttpAnswer } from './http-answer.js';
import { readJsonRpcMessages } from './json-rpc-batch.js';
import { answerRefusal } from './answer-refusal.js';
import { classifyPost } from './protocol-era.js';
import { ListenStreams } from './listen-streams.js';
import { postModern } from './modern-post.js';
import { runExchange } from './run-exchange.js';
import { openSessionStream } from './session-stream.js';
import { refuseWithoutConsent } from './refuse-without-consent.js';
import type { TaskReader } from '../mcp/tasks/task-methods.js';

// An in-memory key only (never stored or sent), so it needs no hashing.
function ownerKey(principal: Principal): string {
  return `${principal.userId}\u0000${principal.clientId}`;
}

function headerValue(ctx: HttpAnswer, name: string): string | undefined {
  const value = ctx.req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * One collection's Streamable HTTP endpoint: POST carries JSON-RPC messages, GET opens the
 * server-to-client stream of a session, DELETE ends a session. Stateless collections share one
 * long-lived SDK server; stateful ones have one per session.
 */
export class McpEndpoint {
  readonly registry: CollectionRegistry;
  readonly #authenticator: CollectionAuthenticator;
  readonly #bodyLimit: number;
  readonly #createServer: (state: SessionState) => Server;
  readonly #directToolCall: ((state: SessionState) => DirectHandler) | undefined;
  #shared: { server: Server; transport: MultiplexTransport } | undefined;
  readonly #sessions: SessionManager | undefined;
  readonly #audit: AuditLog | undefined;
  readonly #modern: MultiplexTransport;
  readonly #toolsChange: boolean;
  readonly #readTask: TaskReader | undefined;
  readonly #listening: ListenStreams;

  constructor(
    registry: CollectionRegistry,
    authenticator: CollectionAuthenticator,
    options: {
      bodyLimit: number;
      sessionIdleMs: number;
      sessionLimits: SessionLimits;
      createServer: (state: SessionState) => Server;
      /** Answers stateless `tools/call` without the SDK server (the hot path). */
      directToolCall?: (state: SessionState) => DirectHandler;
      /** Where calls refused here (step-up) are recorded. */
      audit?: AuditLog;
      /** Serves 2026-07-28 requests (see `modernBinding`). */
      modern: MultiplexTransport;
      /** True when a listed plugin changes its tools at runtime. */
      toolsChange: boolean;
      /** The caller's tasks for `subscriptions/listen`, where the collection offers tasks. */
      readTask?: TaskReader | undefined;
    },
  ) {
    this.registry = registry;
    this.#authenticator = authenticator;
    this.#bodyLimit = options.bodyLimit;
    this.#createServer = options.createServer;
    this.#directToolCall = options.directToolCall;
    this.#audit = options.audit;
    this.#modern = options.modern;
    this.#toolsChange = options.toolsChange;
    this.#readTask = options.readTask;
    this.#listening = new ListenStreams(options.sessionLimits);
    if (registry.collection.session === 'stateful') {
      this.#sessions = new SessionManager({
        idleMs: options.sessionIdleMs,
        limits: options.sessionLimits,
        createServer: options.createServer,
      });
    }
  }

  async start(): Promise<void> {
    if (this.#sessions) return;
    const state = statelessState();
    const server = this.#createServer(state);
    const transport = new MultiplexTransport();
    await server.connect(transport);
    if (this.#directToolCall) transport.answerDirectly('tools/call', this.#directToolCall(state));
    this.#shared = { server, transport };
  }

  async close(): Promise<void> {
    this.#listening.closeAll();
    await this.#modern.close();
    await this.#shared?.server.close();
    await this.#sessions?.closeAll();
  }

  /** Tells every session subscribed to `uri` that it changed. */
  notifyResourceUpdated(uri: string): void {
    this.#listening.resourceUpdated(uri);
    if (!this.#sessions) return;
    for (const session of this.#sessions.all()) {
      if (session.state.subscriptions.has(uri))
        void session.server.sendResourceUpdated({ uri }).catch(() => undefined);
    }
  }

  /** Tells every session that the tool list changed (runtime tools came, went or changed). */
  notifyToolListChanged(): void {
    this.#listening.toolListChanged();
    if (!this.#sessions) return;
    for (const session of this.#sessions.all())
      void session.server.sendToolListChanged().catch(() => undefined);
  }

  async handle(ctx: HttpAnswer): Promise<void> {
    const principal = await this.#authenticator.authenticate(headerValue(ctx, 'authorization'));
    switch (ctx.method) {
      case 'POST':
        return this.#post(ctx, principal);
      case 'GET':
        return this.#get(ctx, principal);
      case 'DELETE':
        return this.#delete(ctx, principal);
      default:
        ctx.set('allow', this.#sessions ? 'GET, POST, DELETE' : 'POST');
        ctx.status = 405;
        return undefined;
    }
  }

  #methodNotAllowed(ctx: HttpAnswer): void {
    ctx.set('allow', 'POST');
    ctx.status = 405;
    ctx.set('Content-Type', jsonContentType);
    ctx.body = JSON.stringify({
      jsonrpc: '2.0',
      id: null,
      error: {
        code: -32000,
        message: 'Method not allowed: this endpoint is stateless; send requests with POST',
      },
    });
  }

  #session(ctx: HttpAnswer, principal: Principal): Session {
    // GET and DELETE exist in 2025-11-25 alone; a POST's version is checked by classifyPost.
    const version = headerValue(ctx, 'mcp-protocol-version');
    if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      throw new ServiceDeskError(
        'HTTP_BAD_REQUEST',
        `unsupported MCP-Protocol-Version ${version}; supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}`,
      );
    }
    const id = headerValue(ctx, 'mcp-session-id');
    if (id === undefined)
      throw new ServiceDeskError(
        'SESSION_REQUIRED',
        'this endpoint is stateful: send the Mcp-Session-Id header returned by initialize',
      );
    const session = this.#sessions?.find(id, ownerKey(principal));
    if (!session)
      throw new ServiceDeskError(
        'SESSION_NOT_FOUND',
        'session not found or expired; send initialize again to start a new one',
      );
    return session;
  }

  async #post(ctx: HttpAnswer, principal: Principal): Promise<void> {
    const contentType = headerValue(ctx, 'content-type') ?? '';
    if (!contentType.toLowerCase().includes('application/json')) {
      throw new ServiceDeskError(
        'HTTP_UNSUPPORTED_MEDIA_TYPE',
        'send the JSON-RPC message with Content-Type: application/json',
      );
    }
    const accept = (headerValue(ctx, 'accept') ?? '*/*').toLowerCase();
    const acceptsStream = accept.includes('text/event-stream') || accept.includes('*/*');
    if (!accept.includes('application/json') && !acceptsStream) {
      throw new ServiceDeskError(
        'HTTP_NOT_ACCEPTABLE',
        'the Accept header must allow application/json and text/event-stream',
      );
    }
    const { messages: rpc, batch } = await readJsonRpcMessages(ctx.req, {
      bodyLimit: this.#bodyLimit,
      revision: headerValue(ctx, 'mcp-protocol-version'),
    });
    const era = classifyPost(rpc, { batch, headers: ctx.req.headers });
    if (era.era === 'refused') return answerRefusal(ctx, era.refusal);
    if (era.era === 'modern')
      return postModern(
        ctx,
        {
          registry: this.registry,
          authenticator: this.#authenticator,
          audit: this.#audit,
          transport: this.#modern,
          listening: this.#listening,
          toolsChange: this.#toolsChange,
          readTask: this.#readTask,
          callerKey: ownerKey(principal),
        },
        { principal, message: rpc[0] as JSONRPCMessage, acceptsStream, context: era.context },
      );
    let target: MultiplexTransport;
    let callerKey: string;
    let session: Session | undefined;
    if (this.#sessions) {
      const isInitialize = rpc.some((m) => 'method' in m && m.method === 'initialize');
      if (isInitialize && headerValue(ctx, 'mcp-session-id') === undefined) {
        if (rpc.length > 1)
          throw new ServiceDeskError(
            'HTTP_BAD_REQUEST',
            'Invalid Request: initialize must be sent alone',
          );
        session = await this.#sessions.open(ownerKey(principal));
        ctx.res.setHeader('mcp-session-id', session.id);
      } else {
        session = this.#session(ctx, principal);
      }
      target = session.transport;
      callerKey = session.id;
    } else {
      target = (this.#shared as { transport: MultiplexTransport }).transport;
      callerKey = ownerKey(principal);
    }
    const context = legacyContext(rpc, headerValue(ctx, 'mcp-protocol-version'), session?.server);
    refuseWithoutConsent(
      { registry: this.registry, authenticator: this.#authenticator, audit: this.#audit },
      { principal, messages: rpc, context },
    );
    const extra = {
      authInfo: authInfoFor(principal, context),
      requestInfo: { headers: ctx.req.headers },
    };
    await runExchange(ctx, target, {
      messages: rpc,
      extra,
      callerKey,
      batch,
      acceptsStream,
      events: session?.events,
    });
    return undefined;
  }

  #get(ctx: HttpAnswer, principal: Principal): void {
    if (!this.#sessions) return this.#methodNotAllowed(ctx);
    const session = this.#session(ctx, principal);
    if (!(headerValue(ctx, 'accept') ?? '').includes('text/event-stream')) {
      throw new ServiceDeskError(
        'HTTP_NOT_ACCEPTABLE',
        'GET opens an event stream: send Accept: text/event-stream',
      );
    }
    openSessionStream(ctx, session);
    return undefined;
  }

  async #delete(ctx: HttpAnswer, principal: Principal): Promise<void> {
    if (!this.#sessions) return this.#methodNotAllowed(ctx);
    const session = this.#session(ctx, principal);
    await this.#sessions.close(session.id);
    ctx.status = 200;
    ctx.body = '';
    return undefined;
  }

  /** Requests being worked on now, across the shared server or all sessions. */
  get inFlight(): number {
    let total = this.#modern.inFlight;
    if (this.#shared) return total + this.#shared.transport.inFlight;
    for (const session of this.#sessions?.all() ?? []) total += session.transport.inFlight;
    return total;
  }
}
