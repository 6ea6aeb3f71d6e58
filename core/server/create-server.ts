import { AuditLog } from '../audit/audit-log.js';
import { coreMigrations } from '../storage/core-migrations.js';
import { buildRegistries, isLoopbackHost } from '../collection/build-registries.js';
import type { CollectionRegistry } from '../collection/collection-registry.js';
import { checkCollectionSettings } from '../collection/collection-settings.js';
import type { ServerConfig } from '../config/define-config.js';
import type { ReadinessCheck } from '../http/create-app.js';
import { InFlight } from '../http/in-flight.js';
import type { McpEndpoint } from '../http/mcp-endpoint.js';
import { createLogger, type Logger } from '../log/logger.js';
import { oauthMigrations } from '../oauth/oauth-schema.js';
import { orderPlugins } from '../plugin/plugin-order.js';
import { ServiceRegistry, type ServiceLocator } from '../plugin/service-ref.js';
import { checkRolePolicy } from '../scope/role-policy.js';
import { openDatabase, type Database } from '../storage/database.js';
import { databaseReadiness } from '../storage/database-readiness.js';
import { WriteHealth } from '../storage/write-health.js';
import { runMigrations } from '../storage/migrator.js';
import { HttpListener } from './http-listener.js';
import { serverAuth } from './server-auth.js';
import {
  openSharedState,
  sharedStateReadiness,
  type SharedState,
} from '../coordination/shared-state.js';
import { resourceUpdatesAcrossInstances } from '../coordination/resource-updates.js';
import type { Runtime } from './runtime.js';
import { checkSettings, resolveSettings, type ResolvedSettings } from './settings.js';
import { closePlugins, setupPlugins } from './setup-plugins.js';
import { databaseObservers, openMetrics } from './server-metrics-wiring.js';
import { wireCollections, type ServedCollection } from './wire-collections.js';
import { DynamicTools, type DynamicToolChange } from '../tool/dynamic-tools.js';
import { CallCutoff } from '../mcp/call-cutoff.js';

export type { ServedCollection } from './wire-collections.js';

/** A configured server: checked, migrated and set up; `listen()` serves it. */
export interface ServiceDeskServer {
  readonly settings: ResolvedSettings;
  readonly db: Database;
  readonly audit: AuditLog;
  readonly log: Logger;
  /** Limit counters and messages shared with the deployment's other instances, or in-process. */
  readonly shared: SharedState;
  /** The services plugins provided in setup. */
  readonly services: ServiceLocator;
  /** Filled by `listen()`: each collection with its URL. */
  readonly collections: readonly ServedCollection[];
  /** The base URL once listening. */
  readonly url: string;
  /** Every collection's registry (with its final URL once listening), for inspection and the CLI. */
  registries(): readonly CollectionRegistry[];
  /** Binds the port and serves; work that can wait (ADR 0041) goes on after it resolves. */
  listen(): Promise<void>;
  /**
   * Resolves once what `listen()` left running has finished (the built-in authorization
   * server's build, failed or not); at once before `listen()`.
   */
  whenSettled(): Promise<void>;
  /** Stops accepting requests, lets in-flight calls finish (up to the shutdown timeout), then closes everything. */
  close(): Promise<void>;
}

/** How long, after the cutoff, shutdown waits for the "cancelled" answers to be written out. */
const cutoffGraceMs = 1_000;

/**
 * Builds a server from a config: checks every plugin and collection (failing with a coded error
 * that names what is wrong), opens the database, runs migrations and sets plugins up.
 *
 * @example
 * const server = await createServer(config);
 * await server.listen();
 * console.log(server.collections.map((c) => c.url));
 * await server.close();
 */
export async function createServer(
  config: ServerConfig,
  options: { env?: NodeJS.ProcessEnv; purpose?: 'serve' | 'command' } = {},
): Promise<ServiceDeskServer> {
  const settings = resolveSettings(config, options.env ?? process.env);
  const log = createLogger({
    level: settings.logLevel,
    ...(config.log?.sink && { sink: config.log.sink }),
  });
  const loopback = isLoopbackHost(settings.host);
  checkSettings(settings);
  const urls = new Map<string, string>();
  const { oauth, verifier } = serverAuth(config, settings, urls);
  if (config.roles) checkRolePolicy(config.roles);
  const ordered = orderPlugins(config.plugins);
  // An IPv6 host such as ::1 needs brackets to form a URL.
  const hostInBase = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const provisionalBase = settings.publicUrl ?? `http://${hostInBase}:${settings.port}`;
  // Checks collections before the database is touched, so a config mistake fails fast.
  buildRegistries({
    collections: config.collections,
    plugins: ordered,
    contributions: new Map(),
    baseUrl: provisionalBase,
    loopback,
    toolsKnown: false,
  });
  const collectionSettings = checkCollectionSettings(config.collections, ordered);

  // Before the database, so a deployment that names an unreachable Redis fails fast.
  const shared = await openSharedState(settings.sharedState, log);
  const writeHealth = new WriteHealth();
  const metrics = await openMetrics(settings);
  const db = await openDatabase(
    // Commands (seed, migrate) run statements far longer than a tool call may.
    options.purpose === 'command'
      ? { ...settings.storage, statementTimeoutMs: 0 }
      : settings.storage,
    databaseObservers({ log, health: writeHealth, metrics }),
  ).catch(async (error: unknown) => {
    await shared.close();
    throw error;
  });
  const services = new ServiceRegistry();
  const readiness = new Map<string, ReadinessCheck>([
    ['database', () => databaseReadiness(db, writeHealth)],
  ]);
  const redisReadiness = sharedStateReadiness(shared);
  if (redisReadiness) readiness.set('redis', redisReadiness);
  const endpoints = new Map<string, McpEndpoint>();
  const resourceUpdates = await resourceUpdatesAcrossInstances(shared, log, (uri) => {
    for (const endpoint of endpoints.values()) endpoint.notifyResourceUpdated(uri);
  });
  const dynamic = new DynamicTools(ordered);
  const stopNotifying = dynamic.onChange((change) => {
    for (const endpoint of endpoints.values())
      if (showsChange(endpoint.registry, change)) endpoint.notifyToolListChanged();
  });
  let setUp: Awaited<ReturnType<typeof setupPlugins>>;
  // Closed again if a check after setup fails, so no plugin is left holding resources.
  let setUpClosers: Awaited<ReturnType<typeof setupPlugins>>['closers'] = [];
  let registries: readonly CollectionRegistry[];
  try {
    await runMigrations(
      db,
      [
        { owner: 'core', migrations: coreMigrations },
        // The OAuth store exists only where the built-in authorization server is configured.
        ...(oauth ? [{ owner: 'core', migrations: oauthMigrations }] : []),
        ...ordered.map((p) => ({ owner: p.id, migrations: p.migrations ?? {} })),
      ],
      settings.storage.engine,
    );
    setUp = await setupPlugins(ordered, {
      db,
      engine: settings.storage.engine,
      log,
      services,
      readiness,
      notifyResourceUpdated: resourceUpdates.notify,
      shared,
      dynamic,
      purpose: options.purpose ?? 'serve',
      collectionSettings,
      metrics: metrics.registry,
    });
    setUpClosers = setUp.closers;
    registries = buildRegistries({
      collections: config.collections,
      plugins: ordered,
      contributions: setUp.contributions,
      baseUrl: provisionalBase,
      loopback,
      dynamic,
    });
    dynamic.bind(config.collections, setUp.contributions);
  } catch (error) {
    await closePlugins(setUpClosers, log);
    await db.destroy();
    await shared.close();
    throw error;
  }
  const audit = new AuditLog({
    db,
    engine: settings.storage.engine,
    log,
    onRecord: metrics.core.callEnded,
    ...(config.auditFlushMs !== undefined && { flushMs: config.auditFlushMs }),
  });
  const cutoff = new CallCutoff();
  const engine = settings.storage.engine;
  const runtime: Runtime = { db, engine, services, log, audit, cutoff, shared, metrics };
  const inFlight = new InFlight();
  let listener: HttpListener | undefined;
  let served: ServedCollection[] = [];
  let baseUrl = provisionalBase;
  let settled: Promise<void> = Promise.resolve();
  const identity = { name: config.name ?? 'servicedesk-mcp', version: config.version ?? '0.1.0' };

  const server: ServiceDeskServer = {
    settings,
    db,
    audit,
    log,
    shared,
    services,
    get collections() {
      return served;
    },
    get url() {
      return baseUrl;
    },
    registries: () => registries,
    whenSettled: () => settled,
    async listen() {
      const http = new HttpListener({
        log,
        maxConnectionsPerAddress: settings.maxConnectionsPerAddress,
        maxPipelinedRequests: settings.maxPipelinedRequests,
      });
      listener = http;
      const port = await http.bind(settings.port, settings.host);
      const hostInUrl = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
      baseUrl =
        settings.publicUrl ?? `http://${hostInUrl === '0.0.0.0' ? '127.0.0.1' : hostInUrl}:${port}`;
      // Until the app exists, requests get a "starting" answer; the port is freed if wiring fails.
      const wiring = await wireCollections({
        config,
        settings,
        baseUrl,
        port,
        loopback,
        plugins: ordered,
        contributions: setUp.contributions,
        dynamic,
        verifier,
        oauth,
        runtime,
        audit,
        readiness,
        inFlight,
        identity,
        audiences: urls,
        endpoints,
      }).catch(async (error: unknown) => {
        await http.destroy();
        throw error;
      });
      registries = wiring.registries;
      served = [...wiring.served];
      http.serve(wiring.listener);
      settled = wiring.authStarted;
      setTimeout(() => metrics.registry.loadSoon(), 1_000).unref();
    },
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
  let closing: Promise<void> | undefined;
  async function shutDown(): Promise<void> {
    // A load balancer polling /readyz takes the instance out before it stops taking requests.
    inFlight.draining = true;
    if (settings.shutdownDrainMs > 0)
      await new Promise((resolve) => setTimeout(resolve, settings.shutdownDrainMs));
    const began = Date.now();
    inFlight.shuttingDown = true;
    listener?.stopAccepting();
    if (!(await inFlight.settled(settings.shutdownTimeoutMs))) {
      // Calls still running are answered "cancelled" while their connections are still open.
      cutoff.abort();
      await inFlight.settled(cutoffGraceMs);
    }
    // Idle keep-alive connections stay a little longer, so a request already on its way gets a
    // 503 with Connection: close rather than a reset.
    await listener?.quiesce(
      began + Math.min(settings.shutdownIdleGraceMs, settings.shutdownTimeoutMs),
    );
    stopNotifying();
    // The authorization server's build may still be reading its keys: let it finish first.
    await settled;
    for (const endpoint of endpoints.values()) await endpoint.close();
    await listener?.destroy();
    oauth?.close();
    await closePlugins(setUp.closers, log);
    await audit.flush();
    await db.destroy();
    await Promise.all([shared.close(), metrics.close()]);
  }
  return server;
}

/** True when `change` touches a tool this collection shows (it lists the plugin and, with a `tools` list, names the tool). */
function showsChange(registry: CollectionRegistry, change: DynamicToolChange): boolean {
  const selection = registry.collection.tools;
  return (
    registry.collection.plugins.includes(change.pluginId) &&
    (selection === undefined || selection.some((name) => change.names.has(name)))
  );
}
