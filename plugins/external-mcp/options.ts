import type { Scope } from '../../core/index.js';

/** No authentication: for a remote on a private network or loopback. */
export interface NoAuth {
  readonly type: 'none';
}

/** A static bearer token read from an environment variable at startup (never logged). */
export interface BearerAuth {
  readonly type: 'bearer';
  /** The environment variable holding the token, e.g. `MONITORING_TOKEN`. */
  readonly tokenEnv: string;
}

/**
 * OAuth 2 client credentials: this server's own identity at the remote's authorization server,
 * obtained with `simple-oauth2` and cached until shortly before it expires. The caller's own
 * token is never sent.
 */
export interface ClientCredentialsAuth {
  readonly type: 'client-credentials';
  /** The token endpoint, e.g. `https://monitoring.example.com/oauth/token`. */
  readonly tokenUrl: string;
  readonly clientId: string;
  /** The environment variable holding the client secret. */
  readonly clientSecretEnv: string;
  /** Space-separated scopes to request; the remote's default when left out. */
  readonly scope?: string;
  /** The `resource` parameter (RFC 8707), usually the remote's MCP URL, which becomes the audience. */
  readonly resource?: string;
}

/** How this server authenticates to a remote. */
export type RemoteAuth = NoAuth | BearerAuth | ClientCredentialsAuth;

/** A local program started as an MCP server over stdio. */
export interface StdioCommand {
  readonly command: string;
  readonly args?: readonly string[];
  /** Added to a minimal safe environment (the SDK's default), never the whole of ours. */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

/**
 * One remote MCP server whose tools are imported as `<prefix>_<tool>`.
 *
 * @example
 * const monitoring: RemoteServerOptions = {
 *   id: 'monitoring', prefix: 'monitor', url: 'https://monitoring.example.com/mcp',
 *   tools: ['server_status'], scopes: { 'monitoring:read': 'Read server status' },
 *   toolScopes: { default: ['monitoring:read'] }, auth: { type: 'bearer', tokenEnv: 'MONITORING_TOKEN' },
 * };
 */
export interface RemoteServerOptions {
  /** kebab-case; names the remote in logs, `/readyz` and errors. */
  readonly id: string;
  /** For people (docs, logs); the id when left out. */
  readonly title?: string;
  /** Imported tools are named `<prefix>_<tool>`; letters, digits and underscores, starting with a letter. */
  readonly prefix: string;
  /** The remote's Streamable HTTP endpoint. Exactly one of `url` and `command`. */
  readonly url?: string;
  /** A local program speaking MCP over stdio. Exactly one of `url` and `command`. */
  readonly command?: StdioCommand;
  /** The remote tool names to import, or `'all'` (the default). */
  readonly tools?: 'all' | readonly string[];
  /** Scopes this remote's tools require, each with its consent description. At least one. */
  readonly scopes: Readonly<Record<Scope, string>>;
  /**
   * The scopes each imported tool needs, by remote tool name; `default` for the others. Without
   * it, every tool needs every scope in `scopes`.
   */
  readonly toolScopes?: Readonly<Record<string, readonly Scope[]>>;
  /** Longest a call may take before it is answered as failed (default 30 000 ms). */
  readonly timeoutMs?: number;
  /** Longest connecting and listing tools may take (default 10 000 ms). */
  readonly connectTimeoutMs?: number;
  /** Authentication at the remote (default `{ type: 'none' }`). */
  readonly auth?: RemoteAuth;
}

/**
 * Options of `externalMcpPlugin`.
 *
 * @example
 * externalMcpPlugin({ remotes: [monitoring] })
 */
export interface ExternalMcpPluginOptions {
  readonly remotes: readonly RemoteServerOptions[];
  /** Longest wait between reconnection attempts (default 60 000 ms). */
  readonly maxRetryDelayMs?: number;
  /** How often a connected remote is pinged, so one that died while idle is noticed (default 30 000 ms). */
  readonly healthCheckIntervalMs?: number;
  /** Where `tokenEnv` and `clientSecretEnv` are read (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}
