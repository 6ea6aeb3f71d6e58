import type { CallLimits } from '../limits/call-limit-settings.js';
import type { DevToken } from '../auth/dev-token-verifier.js';
import type { ExternalIdentityProvider } from '../auth/external-identity-provider.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { CollectionDefinition } from '../collection/define-collection.js';
import type { LogLevel, LogSink } from '../log/logger.js';
import type { BuiltInAuthSettings } from '../oauth/built-in-auth-settings.js';
import type { PluginDefinition } from '../plugin/define-plugin.js';
import type { RetentionConfig } from '../retention/retention-settings.js';
import type { RolePolicy } from '../scope/role-policy.js';
import type { DatabaseLimits } from '../storage/database.js';

/** HTTP settings; every field has a default. */
export interface HttpSettings {
  /** Defaults to `HOST` or 127.0.0.1. */
  readonly host?: string;
  /** Defaults to `PORT` or 3000; 0 picks a free port. */
  readonly port?: number;
  /** The externally visible base URL (behind a proxy); defaults to `http://host:port`. */
  readonly publicUrl?: string;
  /**
   * Behind a reverse proxy that sets `X-Forwarded-For`: take the client address from it (for
   * logs and rate limits). Off by default, since a client could otherwise name any address.
   */
  readonly trustProxy?: boolean;
  /**
   * Extra Host header values accepted besides the bound address and the public URL's host;
   * defaults to `ALLOWED_HOSTS` (comma-separated).
   */
  readonly allowedHosts?: readonly string[];
  /** Browser origins allowed to call; requests without an Origin header are always allowed. */
  readonly allowedOrigins?: readonly string[];
  /** Largest accepted request body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /** How long shutdown waits for in-flight calls, in ms (default 10 000). */
  readonly shutdownTimeoutMs?: number;
  /**
   * How long, from the start of shutdown, idle keep-alive connections stay open to answer a
   * request already on its way with 503 and `Connection: close` instead of a reset, in ms
   * (default 1 000, at most `shutdownTimeoutMs`; 0 closes them at once).
   */
  readonly shutdownIdleGraceMs?: number;
  /**
   * How long shutdown first keeps serving with `/readyz` answering 503 `draining`, so a load
   * balancer that polls it stops sending requests here before the port closes, in ms (default
   * `SHUTDOWN_DRAIN_MS` or 0). Behind a balancer, set it above the health check's interval ×
   * failures to mark down (docs/deployment.md).
   */
  readonly shutdownDrainMs?: number;
  /** A stateful session idle this long is closed, in ms (default 30 minutes). */
  readonly sessionIdleTimeoutMs?: number;
  /** Sessions one caller may hold per stateful collection; the oldest idle one goes first (default 32). */
  readonly maxSessionsPerCaller?: number;
  /** Sessions a stateful collection may hold in all (default 10 000). */
  readonly maxSessions?: number;
  /**
   * How long a 2026-07-28 client may keep a list (tools, prompts, resources) before asking again,
   * in ms (default 60 000; 0 means "ask every time"). A collection whose tools change at runtime
   * caps `tools/list` at 10 000.
   */
  readonly listTtlMs?: number;
  /**
   * Open connections one remote address may hold; one more is answered 503 and closed
   * (default 512). Behind a proxy every connection comes from the proxy: raise it to match.
   */
  readonly maxConnectionsPerAddress?: number;
  /**
   * Requests one connection may pipeline behind the one being answered; one more is answered
   * 503 and the connection closed (default 16).
   */
  readonly maxPipelinedRequests?: number;
}

/**
 * How callers are identified. Give one or more ways; a bearer token is tried against development
 * tokens, then `verifier`, then `external`, and the first that knows it decides.
 */
export interface AuthSettings {
  /** Static development tokens; the server refuses to start with them unless bound to loopback. */
  readonly devTokens?: readonly DevToken[];
  /** A verifier of your own (see docs/configuration.md). */
  readonly verifier?: TokenVerifier;
  /** An external identity provider (Entra ID, Okta, Keycloak) whose signed JWTs are accepted. */
  readonly external?: ExternalIdentityProvider;
  /**
   * Issuer URLs of the authorization servers where clients get tokens for the collections,
   * published in each collection's protected-resource metadata (RFC 9728
   * `authorization_servers`). Defaults to `external.issuer` when an external provider is set;
   * the built-in authorization server adds its own issuer.
   */
  readonly authorizationServers?: readonly string[];
  /** The built-in OAuth authorization server at `/oauth` (docs/oauth.md); its issuer is added to `authorizationServers`. */
  readonly builtIn?: BuiltInAuthSettings;
}

/** The whole server configuration, as exported by a config file. */
export interface ServerConfig {
  readonly name?: string;
  readonly version?: string;
  readonly http?: HttpSettings;
  /** A `postgres://` URL or SQLite path; defaults to `DATABASE_URL` or ./data/servicedesk.db. */
  readonly databaseUrl?: string;
  /** Pool size and timeouts; each defaults to its `DATABASE_*` variable, then to the default (docs/configuration.md). */
  readonly database?: Partial<DatabaseLimits>;
  readonly plugins: readonly PluginDefinition[];
  readonly collections: readonly CollectionDefinition[];
  readonly auth?: AuthSettings;
  readonly roles?: RolePolicy;
  readonly log?: { readonly level?: LogLevel; readonly sink?: LogSink };
  /**
   * Where instances of one deployment share limit counters and messages (docs/deployment.md).
   * `url` defaults to `REDIS_URL`; without one, this instance keeps them in process.
   */
  readonly redis?: { readonly url?: string; readonly keyPrefix?: string };
  /**
   * `/metrics` in Prometheus text (docs/deployment.md): on unless `enabled` is false
   * (`METRICS_ENABLED`). Served to loopback without a token; from elsewhere only with
   * `Authorization: Bearer <token>` (`token` defaults to `METRICS_TOKEN`, at least 16 characters).
   */
  readonly metrics?: { readonly enabled?: boolean; readonly token?: string };
  /**
   * Budgets on `tools/call` per user, per client and per collection (docs/configuration.md);
   * a collection's own `limits` override these. `'off'` turns them all off.
   */
  readonly limits?: CallLimits | 'off';
  /** Audit rows are written in batches at most this far apart, in ms (default 200). */
  readonly auditFlushMs?: number;
  /** How old audit, OAuth and plugin rows get before they are pruned (docs/configuration.md). */
  readonly retention?: RetentionConfig;
}

/**
 * Declares a server configuration (the default export of a config file).
 *
 * @example
 * export default defineConfig({
 *   plugins: [echoPlugin()],
 *   collections: [defineCollection({ id: 'demo', title: 'Demo', plugins: ['echo'], grant: ['echo:read'] })],
 *   auth: { devTokens: [...] },
 * });
 */
export function defineConfig(config: ServerConfig): ServerConfig {
  return Object.freeze({ ...config });
}
