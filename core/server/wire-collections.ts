import type { AuditLog } from '../audit/audit-log.js';
import { CollectionAuthenticator } from '../auth/authenticate.js';
import { authorizationServersOf } from '../auth/configured-verifier.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { buildRegistries } from '../collection/build-registries.js';
import { CollectionView, type CollectionRegistry } from '../collection/collection-registry.js';
import type { ServerConfig } from '../config/define-config.js';
import type { RequestListener } from 'node:http';
import { createApp, type ReadinessCheck } from '../http/create-app.js';
import type { InFlight } from '../http/in-flight.js';
import { hostPolicy } from '../http/host-guard.js';
import { McpEndpoint } from '../http/mcp-endpoint.js';
import { directToolCall } from '../mcp/direct-tool-call.js';
import { createCollectionServer } from '../mcp/collection-server.js';
import { collectionHandlers } from '../mcp/collection-handlers.js';
import { modernBinding } from '../mcp/modern/modern-binding.js';
import { taskHandlers, taskReader } from '../mcp/tasks/task-methods.js';
import { TaskRecords } from '../mcp/tasks/task-records.js';
import { RequestStates } from '../mcp/modern/request-states.js';
import { statelessState } from '../mcp/session-state.js';
import type { BuiltInAuth } from '../oauth/built-in-auth.js';
import type { PluginDefinition } from '../plugin/define-plugin.js';
import type { PluginContributions } from '../plugin/plugin-contributions.js';
import { defaultRolePolicy } from '../scope/role-policy.js';
import type { DynamicTools } from '../tool/dynamic-tools.js';
import { withCallLimits } from './call-limits-runtime.js';
import type { Runtime } from './runtime.js';
import type { ResolvedSettings } from './settings.js';

/** A collection as it is served. */
export interface ServedCollection {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly registry: CollectionRegistry;
}

/** What `listen()` knows once the port is bound, and what it hands to the wiring. */
export interface WiringContext {
  readonly config: ServerConfig;
  readonly settings: ResolvedSettings;
  /** The final base URL (the bound port is known now). */
  readonly baseUrl: string;
  readonly port: number;
  readonly loopback: boolean;
  readonly plugins: readonly PluginDefinition[];
  readonly contributions: ReadonlyMap<string, PluginContributions>;
  readonly dynamic: DynamicTools;
  readonly verifier: TokenVerifier | undefined;
  readonly oauth: BuiltInAuth | undefined;
  readonly runtime: Runtime;
  readonly audit: AuditLog;
  /** `/readyz`'s checks; the built-in authorization server adds its own. */
  readonly readiness: Map<string, ReadinessCheck>;
  readonly inFlight: InFlight;
  readonly identity: { readonly name: string; readonly version: string };
  /** Filled with each collection's token audience, which the configured verifier reads. */
  readonly audiences: Map<string, string>;
  /** Filled with each collection's endpoint by path. */
  readonly endpoints: Map<string, McpEndpoint>;
}

/** The wired server: registries with their final URLs, and the request listener that serves them. */
export interface Wiring {
  readonly registries: readonly CollectionRegistry[];
  readonly served: readonly ServedCollection[];
  /** The app, with its fast path for MCP POSTs (ADR 0042). */
  readonly listener: RequestListener;
  /** Settles once the built-in authorization server is built (or has failed, logged). */
  readonly authStarted: Promise<void>;
}

/**
 * Builds everything that needs the final URL: each collection's registry again (a port of 0 is
 * known only once bound), its MCP endpoint, the built-in authorization server's routes (its
 * provider built in the background, ADR 0041), and the one Koa app that serves them all, behind
 * its request listener.
 *
 * @example
 * const { listener, served } = await wireCollections({ ...context, baseUrl, port });
 */
export async function wireCollections(context: WiringContext): Promise<Wiring> {
  const { config, settings, baseUrl, endpoints } = context;
  const runtime = withCallLimits(context.runtime, settings);
  const registries = buildRegistries({
    collections: config.collections,
    plugins: context.plugins,
    contributions: context.contributions,
    baseUrl,
    loopback: context.loopback,
    dynamic: context.dynamic,
  });
  // One for all collections: any of them may open a state another instance sealed.
  const requestStates = new RequestStates(runtime.db);
  const tasks = new TaskRecords(runtime.db);
  for (const registry of registries) {
    context.audiences.set(registry.collection.id, registry.audience);
    const view = new CollectionView(registry);
    const toolsChange = registry.collection.plugins.some(
      (id) => context.plugins.find((p) => p.id === id)?.dynamicTools,
    );
    const modernScope = { registry, runtime, session: statelessState(), requestStates, tasks };
    const offersTasks = [...registry.tools.values()].some((tool) => tool.definition.task);
    const endpoint = new McpEndpoint(
      registry,
      new CollectionAuthenticator(registry, {
        verifier: context.verifier,
        policy: config.roles ?? defaultRolePolicy,
      }),
      {
        bodyLimit: settings.bodyLimit,
        sessionIdleMs: settings.sessionIdleTimeoutMs,
        sessionLimits: {
          perCaller: settings.maxSessionsPerCaller,
          total: settings.maxSessions,
        },
        createServer: (session) =>
          createCollectionServer(registry, runtime, {
            identity: context.identity,
            session,
            view,
            toolsChange,
          }),
        directToolCall: (session) => directToolCall({ registry, runtime, session }),
        audit: context.audit,
        toolsChange,
        modern: modernBinding({
          registry,
          identity: context.identity,
          handlers: collectionHandlers(modernScope, view),
          toolsCall: directToolCall(modernScope),
          toolsChange,
          caching: { listTtlMs: settings.listTtlMs, dynamicToolsTtlMs: 10_000 },
          tasks: offersTasks ? taskHandlers(modernScope) : undefined,
        }),
        readTask: offersTasks ? taskReader(modernScope) : undefined,
      },
    );
    await endpoint.start();
    endpoints.set(registry.collection.path, endpoint);
  }
  const served = registries.map((r) => ({
    id: r.collection.id,
    title: r.collection.title,
    url: r.url,
    registry: r,
  }));
  const policy = hostPolicy({
    host: settings.host,
    port: context.port,
    publicUrl: baseUrl,
    allowedHosts: settings.allowedHosts,
    allowedOrigins: settings.allowedOrigins,
  });
  const oauth = context.oauth;
  // Checked now (a mistake fails listen()); oidc-provider is built after the first answer.
  const auth = oauth?.start({
    db: runtime.db,
    services: runtime.services,
    registries,
    baseUrl,
    log: runtime.log,
    shared: runtime.shared,
    policy: config.roles ?? defaultRolePolicy,
  });
  if (auth) context.readiness.set('authorization-server', auth.readiness);
  const { listener } = createApp({
    mounts: [
      ...(runtime.metrics.mount ? [runtime.metrics.mount] : []),
      ...(auth ? [auth.mount] : []),
    ],
    onAuthRefused: runtime.metrics.core.authRefused,
    endpoints,
    policy,
    log: runtime.log,
    readiness: context.readiness,
    inFlight: context.inFlight,
    trustProxy: settings.trustProxy,
    authorizationServers: [
      ...authorizationServersOf(config.auth),
      ...(oauth?.issuer ? [oauth.issuer] : []),
    ],
  });
  return { registries, served, listener, authStarted: auth?.started ?? Promise.resolve() };
}
