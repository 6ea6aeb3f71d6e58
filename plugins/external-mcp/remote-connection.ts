import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import {
  ToolError,
  type AnyToolDefinition,
  type Logger,
  type UnavailableTool,
} from '../../core/index.js';
import type { TokenSource } from './auth/client-credentials.js';
import type { Backoff } from './backoff.js';
import type { RemoteConfig } from './check-options.js';
import { discoverTools, type Discovery } from './discover-tools.js';
import { describeError, forwardCall } from './forward-call.js';
import type { ForwardedCall } from './imported-tool.js';
import { openTransport } from './open-transport.js';
import { nameTools } from './tool-name.js';

/** One remote's line in `/readyz`. */
export interface RemoteReadiness {
  readonly ok: boolean;
  readonly detail: string;
}

/** A live connection to one remote that reconnects by itself until closed. */
export interface RemoteConnection {
  /** The first attempt; resolves when it has connected or failed (never rejects). */
  start(): Promise<void>;
  readiness(): RemoteReadiness;
  /** Where the connection stands now (the remote-state metric); retrying after a loss is `down`. */
  state(): RemoteState;
  close(): Promise<void>;
}

/** The states a remote connection moves through. */
export const remoteStates = ['connecting', 'up', 'down', 'closed'] as const;
/** One of {@link remoteStates}. */
export type RemoteState = (typeof remoteStates)[number];

/** What a connection needs besides its remote's options. */
export interface ConnectionDeps {
  readonly tokens: TokenSource | undefined;
  readonly log: Logger;
  readonly backoff: Backoff;
  /** How often a connected remote is pinged, so one that died while idle is noticed. */
  readonly healthCheckMs: number;
  /**
   * Receives the remote's current tools: all of them on each discovery; while it is down, none,
   * and those it would offer as unavailable.
   */
  readonly onTools: (offer: RemoteOffer) => void;
}

/** What one remote offers now. */
export interface RemoteOffer {
  readonly tools: readonly AnyToolDefinition[];
  /** Tools it would offer were it up: the configured `tools` and the last ones discovered. */
  readonly unavailable: readonly UnavailableTool[];
}

type State =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'up'; readonly client: Client; readonly discovery: Discovery }
  | { readonly kind: 'down'; readonly reason: string; readonly retryAt: number }
  | { readonly kind: 'closed' };

const clientInfo = { name: 'servicedesk-mcp', version: '0.1.0' };

/**
 * Connects to a remote, imports its tools, follows `tools/list_changed`, and on any loss
 * (a failed call, a closed stream, a missed ping) drops its tools and reconnects with backoff.
 *
 * @example
 * const connection = createRemoteConnection(remote, { tokens, log, backoff, healthCheckMs: 30_000, onTools });
 * await connection.start();
 */
export function createRemoteConnection(
  remote: RemoteConfig,
  deps: ConnectionDeps,
): RemoteConnection {
  let state: State = { kind: 'connecting' };
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let healthTimer: NodeJS.Timeout | undefined;
  // The client of an attempt in progress, so close() can stop it (and a stdio child with it).
  let attemptClient: Client | undefined;
  // Discoveries run one after another, so an older list never replaces a newer one.
  let discoveries: Promise<void> = Promise.resolve();
  // When the remote went down, kept through failed retries until it is up again.
  let downSince: number | undefined;
  // The tools of the last discovery, named as unavailable while the remote is down.
  let discovered: readonly AnyToolDefinition[] = [];
  const log = { remote: remote.id };

  const unavailableText = (): string =>
    downSince === undefined
      ? `remote "${remote.title}" is still connecting; try again later`
      : `remote "${remote.title}" is unavailable (since ${new Date(downSince).toISOString().replace(/\.\d{3}Z$/, 'Z')}); try again later`;

  const forward = (call: ForwardedCall) => {
    if (state.kind !== 'up') return Promise.reject(new ToolError(unavailableText()));
    const client = state.client;
    return forwardCall(client, call, {
      remoteId: remote.id,
      timeoutMs: remote.timeoutMs,
      onUnreachable: (error) => lost(client, describeError(error)),
    });
  };

  // Read through a function: the state changes across awaits, which narrowing cannot see.
  const closed = (): boolean => state.kind === 'closed';

  function stopTimers(): void {
    clearTimeout(retryTimer);
    clearInterval(healthTimer);
    retryTimer = healthTimer = undefined;
  }

  function scheduleRetry(reason: string): void {
    const delay = deps.backoff(attempt++);
    state = { kind: 'down', reason, retryAt: Date.now() + delay };
    deps.log.warn('remote MCP server unavailable', { ...log, reason, retryInMs: delay });
    retryTimer = setTimeout(() => void connect(), delay);
    retryTimer.unref();
  }

  /** What a caller who names one of the remote's tools is told while it is down. */
  function unavailableTools(): UnavailableTool[] {
    const message = unavailableText();
    const byName = new Map<string, UnavailableTool>();
    for (const tool of discovered)
      byName.set(tool.name, { name: tool.name, scopes: tool.scopes, message });
    const configured = nameTools(remote.prefix, [...(remote.tools ?? [])]).names;
    for (const [remoteName, name] of configured)
      if (!byName.has(name))
        byName.set(name, { name, scopes: remote.scopesFor(remoteName), message });
    return [...byName.values()];
  }

  /** The remote cannot be used: on the first failure, its tools become unavailable; retry later. */
  function down(reason: string): void {
    if (downSince === undefined) {
      downSince = Date.now();
      deps.onTools({ tools: [], unavailable: unavailableTools() });
    }
    scheduleRetry(reason);
  }

  function offer(discovery: Discovery): void {
    discovered = discovery.tools;
    deps.onTools({ tools: discovery.tools, unavailable: [] });
  }

  /** The connection `client` is gone: drop its tools (and its pending calls), try again later. */
  function lost(client: Client, reason: string): void {
    if (state.kind !== 'up' || state.client !== client) return;
    stopTimers();
    down(reason);
    void client.close().catch(() => undefined);
  }

  async function rediscover(client: Client): Promise<void> {
    try {
      const discovery = await discoverTools(client, remote, { forward, log: deps.log });
      if (state.kind !== 'up' || state.client !== client) return;
      state = { kind: 'up', client, discovery };
      offer(discovery);
    } catch (error) {
      lost(client, `listing its tools failed: ${describeError(error)}`);
    }
  }

  async function probe(client: Client): Promise<void> {
    try {
      await client.ping({ timeout: Math.min(remote.connectTimeoutMs, 5_000) });
    } catch (error) {
      lost(client, `it stopped answering: ${describeError(error)}`);
    }
  }

  async function connect(): Promise<void> {
    if (state.kind === 'closed') return;
    state = { kind: 'connecting' };
    const client = new Client(clientInfo, { capabilities: {} });
    attemptClient = client;
    try {
      client.onclose = () => lost(client, 'the connection closed');
      // A stream error may be passing (the SDK retries); a ping tells whether it is still there.
      client.onerror = () => void (state.kind === 'up' && state.client === client && probe(client));
      await client.connect(openTransport(remote, deps), { timeout: remote.connectTimeoutMs });
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
        discoveries = discoveries.then(() => rediscover(client));
      });
      const discovery = await discoverTools(client, remote, { forward, log: deps.log });
      if (closed()) {
        await client.close();
        return;
      }
      state = { kind: 'up', client, discovery };
      attempt = 0;
      downSince = undefined;
      offer(discovery);
      deps.log.info('remote MCP server connected', { ...log, tools: discovery.tools.length });
      healthTimer = setInterval(() => void probe(client), deps.healthCheckMs);
      healthTimer.unref();
    } catch (error) {
      await client.close().catch(() => undefined);
      if (!closed()) down(describeError(error));
    } finally {
      attemptClient = undefined;
    }
  }

  return {
    start: connect,
    // A retry after a loss is still "down": "connecting" is the first connection only.
    state: () => (state.kind === 'connecting' && downSince !== undefined ? 'down' : state.kind),
    readiness() {
      switch (state.kind) {
        case 'up':
          return { ok: true, detail: state.discovery.summary };
        case 'down': {
          const seconds = Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000));
          return { ok: false, detail: `unavailable: ${state.reason}, retrying in ${seconds}s` };
        }
        case 'connecting':
          return { ok: false, detail: 'connecting' };
        case 'closed':
          return { ok: false, detail: 'closed' };
      }
    },
    async close() {
      const current = state;
      state = { kind: 'closed' };
      stopTimers();
      await attemptClient?.close().catch(() => undefined);
      if (current.kind === 'up') await current.client.close().catch(() => undefined);
      await discoveries;
    },
  };
}
