import Koa, { type Context } from 'koa';
import { randomUUID } from 'node:crypto';
import { FailedAuthLog } from '../auth/failed-auth-log.js';
import { InsufficientScopeError } from '../auth/step-up.js';
import type { CollectionRegistry } from '../collection/collection-registry.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Logger } from '../log/logger.js';
import type { InFlight } from './in-flight.js';
import { allowOrigin, answerPreflight } from './cors.js';
import { checkHostAndOrigin, type HostPolicy } from './host-guard.js';
import { jsonRpcErrorBody } from './json-rpc-message.js';
import type { McpEndpoint } from './mcp-endpoint.js';
import {
  resourceMetadataPrefix,
  resourceMetadataUrl,
  serveResourceMetadata,
} from './resource-metadata.js';

/** A named readiness probe; `/readyz` fails when any probe does. */
export type ReadinessCheck = () => Promise<{ ok: boolean; detail?: string }>;

/** What a request carries between the app's middleware. */
interface AppState {
  /** The collection the request is for, once its path is matched. */
  registry?: CollectionRegistry;
}

/** How long one readiness check may take before it counts as failed: probes have deadlines of their own. */
export const readinessCheckTimeoutMs = 2000;

/** Runs a check; a check that throws or outlasts {@link readinessCheckTimeoutMs} is not ready. */
async function withinDeadline(check: ReadinessCheck): Promise<{ ok: boolean; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ ok: boolean; detail: string }>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, detail: `no answer within ${readinessCheckTimeoutMs} ms` }),
      readinessCheckTimeoutMs,
    );
  });
  try {
    return await Promise.race([
      check().catch((error: unknown) => ({ ok: false, detail: (error as Error).message })),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, "'")}"`;
}

/**
 * The `WWW-Authenticate` challenge of a refusal (RFC 6750 §3, MCP authorization): where the
 * collection's protected-resource metadata is, and which scopes to ask for — the collection's
 * grant, or for a step-up the scopes the refused call needs.
 */
function challenge(error: ServiceDeskError, registry: CollectionRegistry | undefined): string {
  const params = ['realm="servicedesk-mcp"'];
  if (error.code === 'AUTH_INSUFFICIENT_SCOPE') params.push('error="insufficient_scope"');
  else if (error.code !== 'AUTH_TOKEN_MISSING') params.push('error="invalid_token"');
  if (error.code !== 'AUTH_TOKEN_MISSING') {
    params.push(`error_description=${quoted(error.message)}`);
  }
  if (registry) {
    params.push(`resource_metadata=${quoted(resourceMetadataUrl(registry.url))}`);
    const scopes =
      error instanceof InsufficientScopeError ? error.scopes : registry.collection.grant;
    if (scopes.length > 0) params.push(`scope=${quoted(scopes.join(' '))}`);
  }
  return `Bearer ${params.join(', ')}`;
}

function sendError(
  ctx: Context,
  error: unknown,
  sinks: {
    readonly log: Logger;
    readonly failedAuth: FailedAuthLog;
    readonly onAuthRefused: ((reason: string) => void) | undefined;
  },
): void {
  if (ctx.headerSent || ctx.res.destroyed) return;
  const { log } = sinks;
  if (error instanceof ServiceDeskError) {
    ctx.status = error.httpStatus;
    if (error.httpStatus === 401) {
      sinks.failedAuth.refused({ reason: error.code, address: ctx.ip, path: ctx.path });
      sinks.onAuthRefused?.(error.code);
    }
    if (error.code === 'SERVER_SHUTTING_DOWN') ctx.set('retry-after', '1');
    if (error.httpStatus === 401 || error.code === 'AUTH_INSUFFICIENT_SCOPE')
      ctx.set('www-authenticate', challenge(error, (ctx.state as AppState).registry));
    ctx.type = 'application/json';
    ctx.body = jsonRpcErrorBody(error.jsonRpcCode, error.message);
    return;
  }
  const correlationId = randomUUID();
  log.error('request failed', {
    correlationId,
    path: ctx.path,
    error: (error as Error).message,
    stack: (error as Error).stack,
  });
  ctx.status = 500;
  ctx.type = 'application/json';
  ctx.body = jsonRpcErrorBody(-32603, `Internal error (correlation id ${correlationId})`);
}

/**
 * The one Koa app: Host/Origin guard, health probes, each collection's protected-resource
 * metadata, and each collection's endpoint at its path.
 */
export function createApp(options: {
  endpoints: ReadonlyMap<string, McpEndpoint>;
  policy: HostPolicy;
  log: Logger;
  readiness: ReadonlyMap<string, ReadinessCheck>;
  inFlight: InFlight;
  /** Middleware served after the Host/Origin guard and before the endpoints (the built-in OAuth server); each calls `next()` for paths it does not own. */
  mounts?: readonly Koa.Middleware[];
  /** Issuers named as `authorization_servers` in every collection's protected-resource metadata. */
  authorizationServers?: readonly string[];
  /** Take the client address from `X-Forwarded-For` (`http.trustProxy`): only behind a proxy that sets it. */
  trustProxy?: boolean;
  /** Told the reason (error code) of every 401, for the metrics. */
  onAuthRefused?: (reason: string) => void;
}): Koa {
  const app = new Koa();
  app.silent = true;
  app.proxy = options.trustProxy ?? false;
  const failedAuth = new FailedAuthLog(options.log);
  const { endpoints, inFlight, log } = options;
  app.use(async (ctx, next) => {
    const probe = ctx.path === '/healthz' || ctx.path === '/readyz';
    try {
      // Resource metadata is public and fetched by browser-based clients of any origin.
      const metadata = ctx.path.startsWith(resourceMetadataPrefix);
      const problem = checkHostAndOrigin(options.policy, {
        host: ctx.req.headers.host,
        origin: metadata ? undefined : ctx.req.headers.origin,
        probe,
      });
      if (problem !== undefined) {
        throw new ServiceDeskError(problem.code, problem.message);
      }
      if (inFlight.shuttingDown && !probe)
        throw new ServiceDeskError(
          'SERVER_SHUTTING_DOWN',
          'the server is shutting down; retry shortly',
        );
      await next();
    } catch (error) {
      sendError(ctx, error, { log, failedAuth, onAuthRefused: options.onAuthRefused });
    }
    // During shutdown every answer closes its connection, so no client sends another request
    // on a connection about to be closed.
    if (inFlight.shuttingDown && !ctx.headerSent) ctx.set('connection', 'close');
  });
  for (const mount of options.mounts ?? []) app.use(mount);
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
    const endpoint = endpoints.get(ctx.path.length > 1 ? ctx.path.replace(/\/$/, '') : ctx.path);
    if (endpoint) {
      (ctx.state as AppState).registry = endpoint.registry;
      // The guard has accepted the origin; set now so a refusal's challenge is readable too.
      allowOrigin(ctx);
      if (answerPreflight(ctx)) return;
    }
    if (!endpoint) {
      ctx.status = 404;
      ctx.body = {
        error: 'not_found',
        message: `no endpoint at ${ctx.path}; MCP endpoints are at ${[...endpoints.keys()].join(', ')}`,
      };
      return;
    }
    if (ctx.method === 'POST') inFlight.track(ctx.res);
    return endpoint.handle(ctx);
  });
  return app;
}
