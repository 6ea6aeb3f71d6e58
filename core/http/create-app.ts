import Koa, { type Context } from 'koa';
import { randomUUID } from 'node:crypto';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Logger } from '../log/logger.js';
import { checkHostAndOrigin, type HostPolicy } from './host-guard.js';
import { jsonRpcErrorBody } from './json-rpc-message.js';
import type { McpEndpoint } from './mcp-endpoint.js';

/** A named readiness probe; `/readyz` fails when any probe does. */
export type ReadinessCheck = () => Promise<{ ok: boolean; detail?: string }>;

/** Counts POSTs being handled, so shutdown can wait for them. */
export interface InFlightCounter {
  count: number;
  shuttingDown: boolean;
  idle: (() => void) | undefined;
}

function challenge(error: ServiceDeskError): string {
  const realm = 'realm="servicedesk-mcp"';
  if (error.code === 'AUTH_TOKEN_MISSING') return `Bearer ${realm}`;
  if (error.code === 'AUTH_INSUFFICIENT_SCOPE')
    return `Bearer ${realm}, error="insufficient_scope", error_description="${error.message.replace(/"/g, "'")}"`;
  return `Bearer ${realm}, error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"`;
}

function sendError(ctx: Context, error: unknown, log: Logger): void {
  if (ctx.headerSent || ctx.res.destroyed) return;
  if (error instanceof ServiceDeskError) {
    ctx.status = error.httpStatus;
    if (error.httpStatus === 401 || error.code === 'AUTH_INSUFFICIENT_SCOPE')
      ctx.set('www-authenticate', challenge(error));
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
 * The one Koa app: Host/Origin guard, health probes, and each collection's endpoint at its path.
 */
export function createApp(options: {
  endpoints: ReadonlyMap<string, McpEndpoint>;
  policy: HostPolicy;
  log: Logger;
  readiness: ReadonlyMap<string, ReadinessCheck>;
  inFlight: InFlightCounter;
  /** Middleware served after the Host/Origin guard and before the endpoints (the built-in OAuth server); each calls `next()` for paths it does not own. */
  mounts?: readonly Koa.Middleware[];
}): Koa {
  const app = new Koa();
  app.silent = true;
  const { endpoints, inFlight, log } = options;
  app.use(async (ctx, next) => {
    try {
      const problem = checkHostAndOrigin(options.policy, {
        host: ctx.req.headers.host,
        origin: ctx.req.headers.origin,
        probe: ctx.path === '/healthz' || ctx.path === '/readyz',
      });
      if (problem !== undefined) {
        throw new ServiceDeskError(problem.code, problem.message);
      }
      await next();
    } catch (error) {
      sendError(ctx, error, log);
    }
  });
  for (const mount of options.mounts ?? []) app.use(mount);
  app.use(async (ctx) => {
    if (ctx.path === '/healthz') {
      ctx.body = { status: 'ok' };
      return;
    }
    if (ctx.path === '/readyz') {
      const checks: Record<string, { ok: boolean; detail?: string }> = {};
      for (const [name, check] of options.readiness) {
        checks[name] = await check().catch((error: unknown) => ({
          ok: false,
          detail: (error as Error).message,
        }));
      }
      const ready = !inFlight.shuttingDown && Object.values(checks).every((c) => c.ok);
      ctx.status = ready ? 200 : 503;
      ctx.body = {
        status: ready ? 'ready' : inFlight.shuttingDown ? 'shutting_down' : 'not_ready',
        checks,
      };
      return;
    }
    const endpoint = endpoints.get(ctx.path.length > 1 ? ctx.path.replace(/\/$/, '') : ctx.path);
    if (!endpoint) {
      ctx.status = 404;
      ctx.body = {
        error: 'not_found',
        message: `no endpoint at ${ctx.path}; MCP endpoints are at ${[...endpoints.keys()].join(', ')}`,
      };
      return;
    }
    if (inFlight.shuttingDown)
      throw new ServiceDeskError(
        'SERVER_SHUTTING_DOWN',
        'the server is shutting down; retry shortly',
      );
    if (ctx.method !== 'POST') return endpoint.handle(ctx);
    inFlight.count++;
    try {
      await endpoint.handle(ctx);
    } finally {
      inFlight.count--;
      if (inFlight.count === 0) inFlight.idle?.();
    }
  });
  return app;
}
