import Koa from 'koa';
import type { RequestListener } from 'node:http';
import { settleWithin } from '../async/settle-within.js';
import { FailedAuthLog } from '../auth/failed-auth-log.js';
import type { AppMount } from './app-mount.js';
import type { Logger } from '../log/logger.js';
import type { InFlight } from './in-flight.js';
import type { HostPolicy } from './host-guard.js';
import type { McpEndpoint } from './mcp-endpoint.js';
import { mcpPostListener } from './mcp-post-listener.js';
import { guardRequest, type RequestGuard } from './request-guard.js';
import { resourceMetadataPrefix, serveResourceMetadata } from './resource-metadata.js';
import { serveEndpoint } from './serve-endpoint.js';

/** A named readiness probe; `/readyz` fails when any probe does. */
export type ReadinessCheck = () => Promise<{ ok: boolean; detail?: string }>;

/** The request listener that serves the app, with its fast path for MCP POSTs. */
export interface ServerApp {
  readonly listener: RequestListener;
}

/** The key the app looks a request's path up by: without one trailing slash. */
function endpointKey(path: string): string {
  return path.length > 1 ? path.replace(/\/$/, '') : path;
}

/**
 * True for an endpoint path the fast path may serve: one the app's lookup finds as it is, that
 * the app does not answer before its lookup, and that no mount may answer.
 */
function servedFast(path: string, mounts: readonly AppMount[]): boolean {
  if (endpointKey(path) !== path) return false;
  if (path === '/healthz' || path === '/readyz' || path.startsWith(resourceMetadataPrefix))
    return false;
  return !mounts.some((mount) => mount.owns(path));
}

/** How long one readiness check may take before it counts as failed: probes have deadlines of their own. */
export const readinessCheckTimeoutMs = 2000;

/** Runs a check; a check that throws or outlasts {@link readinessCheckTimeoutMs} is not ready. */
function withinDeadline(check: ReadinessCheck): Promise<{ ok: boolean; detail?: string }> {
  return settleWithin(
    check().catch((error: unknown) => ({ ok: false, detail: (error as Error).message })),
    readinessCheckTimeoutMs,
    () => ({ ok: false, detail: `no answer within ${readinessCheckTimeoutMs} ms` }),
  );
}

/**
 * The one Koa app: Host/Origin guard, health probes, each collection's protected-resource
 * metadata, and each collection's endpoint at its path; and its request listener, which serves
 * POSTs to a collection's endpoint path without Koa, through the same guard and endpoint code
 * (ADR 0042).
 */
export function createApp(options: {
  endpoints: ReadonlyMap<string, McpEndpoint>;
  policy: HostPolicy;
  log: Logger;
  readiness: ReadonlyMap<string, ReadinessCheck>;
  inFlight: InFlight;
  /** Served after the Host/Origin guard and before the endpoints; each calls `next()` for paths it does not own. */
  mounts?: readonly AppMount[];
  /** Issuers named as `authorization_servers` in every collection's protected-resource metadata. */
  authorizationServers?: readonly string[];
  /** Take the client address from `X-Forwarded-For` (`http.trustProxy`): only behind a proxy that sets it. */
  trustProxy?: boolean;
  /** Told the reason (error code) of every 401, for the metrics. */
  onAuthRefused?: (reason: string) => void;
}): ServerApp {
  const app = new Koa();
  app.silent = true;
  app.proxy = options.trustProxy ?? false;
  const { endpoints, inFlight, log } = options;
  const guard: RequestGuard = {
    policy: options.policy,
    inFlight,
    log,
    failedAuth: new FailedAuthLog(log),
    onAuthRefused: options.onAuthRefused,
  };
  const mounts = options.mounts ?? [];
  app.use((ctx, next) => guardRequest(ctx, guard, next));
  for (const mount of mounts) app.use(mount.middleware);
  app.use(async (ctx) => {
    if (ctx.path === '/healthz') {
      ctx.body = { status: 'ok' };
      return;
    }
    if (ctx.path === '/readyz') {
      const checks = Object.fromEntries(
        await Promise.all(
          [...options.readiness].map(async ([name, check]) => [name, await withinDeadline(check)]),
        ),
      ) as Record<string, { ok: boolean; detail?: string }>;
      const leaving = inFlight.shuttingDown || inFlight.draining;
      const ready = !leaving && Object.values(checks).every((c) => c.ok);
      ctx.status = ready ? 200 : 503;
      ctx.body = {
        status: ready
          ? 'ready'
          : inFlight.shuttingDown
            ? 'shutting_down'
            : inFlight.draining
              ? 'draining'
              : 'not_ready',
        checks,
      };
      return;
    }
    if (
      ctx.path.startsWith(resourceMetadataPrefix) &&
      serveResourceMetadata(ctx, {
        registries: [...endpoints.values()].map((e) => e.registry),
        authorizationServers: options.authorizationServers ?? [],
      })
    )
      return;
    const endpoint = endpoints.get(endpointKey(ctx.path));
    if (endpoint) return serveEndpoint(ctx, endpoint, inFlight);
    ctx.status = 404;
    ctx.body = {
      error: 'not_found',
      message: `no endpoint at ${ctx.path}; MCP endpoints are at ${[...endpoints.keys()].join(', ')}`,
    };
    return undefined;
  });
  const handle = app.callback();
  const listener = mcpPostListener((req, res) => void handle(req, res), {
    endpoints: new Map([...endpoints].filter(([path]) => servedFast(path, mounts))),
    guard,
    addressOf: (req, res) => app.createContext(req, res).ip,
  });
  return { listener };
}
