import {
  definePlugin,
  ServiceDeskError,
  type AnyToolDefinition,
  type PluginDefinition,
  type PluginSetupContext,
  type Scope,
} from '../../core/index.js';
import { tokenSourceFor } from './auth/authorized-fetch.js';
import { exponentialBackoff } from './backoff.js';
import { checkOptions, type RemoteConfig } from './check-options.js';
import type { ExternalMcpPluginOptions } from './options.js';
import {
  createRemoteConnection,
  type RemoteConnection,
  type RemoteOffer,
  remoteStates,
} from './remote-connection.js';

export type {
  BearerAuth,
  ClientCredentialsAuth,
  ExternalMcpPluginOptions,
  NoAuth,
  RemoteAuth,
  RemoteServerOptions,
  StdioCommand,
} from './options.js';
export { localToolName } from './tool-name.js';

function scopesOf(remotes: readonly RemoteConfig[]): Record<Scope, string> {
  const scopes: Record<Scope, string> = {};
  // Two remotes may share a scope (one monitoring system behind two servers); the first description wins.
  for (const remote of remotes)
    for (const [scope, text] of Object.entries(remote.scopes)) scopes[scope] ??= text;
  return scopes;
}

/**
 * Replaces the plugin's runtime tools with every connected remote's, and names the tools of
 * remotes that are down as unavailable. Should the core refuse the whole set (a tool it finds
 * invalid), the tools are offered one by one so one bad tool does not hide the others; the
 * refused ones are logged.
 */
function publisher(ctx: PluginSetupContext): (remoteId: string, offer: RemoteOffer) => void {
  const byRemote = new Map<string, RemoteOffer>();
  return (remoteId, offer) => {
    byRemote.set(remoteId, offer);
    const all = [...byRemote.values()].flatMap((o) => o.tools);
    const options = { unavailable: [...byRemote.values()].flatMap((o) => o.unavailable) };
    try {
      ctx.setDynamicTools(all, options);
      return;
    } catch (error) {
      ctx.log.warn('the server refused a set of imported tools; offering them one by one', {
        error: (error as Error).message,
      });
    }
    const accepted: AnyToolDefinition[] = [];
    for (const tool of all) {
      try {
        ctx.setDynamicTools([...accepted, tool], options);
        accepted.push(tool);
      } catch (error) {
        ctx.log.warn('imported tool refused', {
          tool: tool.name,
          error: (error as Error).message,
        });
      }
    }
  };
}

/**
 * Outbound MCP (issue 7): imports the tools of third-party MCP servers — over Streamable HTTP or
 * a local program's stdio — as `<prefix>_<tool>`, behind scopes of our own and audited like any
 * tool, with this server's own credentials (none, a bearer from the environment, or OAuth client
 * credentials), never the caller's token. Remotes are connected at startup and reconnected with
 * backoff; one that is down leaves its tools out and says so in `/readyz`, and a caller who names
 * one of its tools is told it is unavailable, since when, and to try again later.
 *
 * @example
 * externalMcpPlugin({
 *   remotes: [{
 *     id: 'monitoring', prefix: 'monitor', url: 'https://monitoring.example.com/mcp',
 *     tools: ['server_status'], scopes: { 'monitoring:read': 'Read server status from the monitoring system' },
 *     auth: { type: 'bearer', tokenEnv: 'MONITORING_TOKEN' },
 *   }],
 * })
 */
export function externalMcpPlugin(options: ExternalMcpPluginOptions): PluginDefinition {
  const remotes = checkOptions(options);
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
  const healthCheckMs = options.healthCheckIntervalMs ?? 30_000;
  for (const [field, value] of [
    ['maxRetryDelayMs', maxRetryDelayMs],
    ['healthCheckIntervalMs', healthCheckMs],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 100 || value > 3_600_000) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `plugin "external-mcp": ${field} is ${String(value)}, which must be a whole number of milliseconds from 100 to 3600000`,
      );
    }
  }
  return definePlugin({
    id: 'external-mcp',
    version: '0.1.0',
    description: 'Tools of third-party MCP servers, imported under a prefix per server.',
    scopes: scopesOf(remotes),
    dynamicTools: { prefixes: remotes.map((remote) => `${remote.prefix}_`) },
    async setup(ctx) {
      // A CLI command (tools, migrate, …) must not start programs or open connections.
      if (ctx.purpose === 'command') return;
      const env = options.env ?? process.env;
      const publish = publisher(ctx);
      const backoff = exponentialBackoff({
        initialMs: Math.min(500, maxRetryDelayMs),
        maxMs: maxRetryDelayMs,
      });
      const connections: RemoteConnection[] = remotes.map((remote) =>
        createRemoteConnection(remote, {
          tokens: tokenSourceFor(remote.auth, env, {
            remoteId: remote.id,
            timeoutMs: remote.connectTimeoutMs,
          }),
          log: ctx.log,
          backoff,
          healthCheckMs,
          onTools: (offer) => publish(remote.id, offer),
        }),
      );
      // One series per remote and state, 1 for the state it is in: alerts need no value mapping.
      ctx.metrics.gauge({
        name: 'remote_state',
        help: 'Remote MCP servers by state (connecting, up, down, closed): 1 for the current one',
        labelNames: ['remote', 'state'],
        collect: () =>
          remotes.flatMap((remote, index) =>
            remoteStates.map((state) => ({
              labels: { remote: remote.id, state },
              value: connections[index]!.state() === state ? 1 : 0,
            })),
          ),
      });
      remotes.forEach((remote, index) =>
        ctx.addReadinessCheck(remote.id, () => Promise.resolve(connections[index]!.readiness())),
      );
      // Each first attempt is bounded by its connectTimeoutMs; a remote that is down does not stop startup.
      await Promise.all(connections.map((connection) => connection.start()));
      return { close: () => Promise.all(connections.map((c) => c.close())).then(() => undefined) };
    },
  });
}
