import type Koa from 'koa';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerMetrics } from '../metrics/server-metrics.js';

/** The path metrics are served at, apart from every MCP endpoint. */
export const metricsPath = '/metrics';

const forwardingHeaders = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/**
 * True when the request comes straight from this machine: the socket's peer is a loopback
 * address and no proxy forwarded it. The peer is read from the socket, never from
 * `X-Forwarded-For` (which `http.trustProxy` puts in `ctx.ip`): behind a local proxy every
 * request has a loopback peer, and a forwarded request is not a local scrape.
 */
export function isLocalRequest(req: Koa.Context['req']): boolean {
  const peer = req.socket.remoteAddress ?? '';
  const loopback = /^(127\.|::ffff:127\.)/.test(peer) || peer === '::1';
  return loopback && forwardingHeaders.every((name) => req.headers[name] === undefined);
}

/** Compares digests so neither the token's content nor its length shows in the timing. */
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function refuse(ctx: Koa.Context, status: 401 | 403, message: string): void {
  ctx.status = status;
  if (status === 401) ctx.set('www-authenticate', 'Bearer realm="servicedesk-metrics"');
  ctx.type = 'application/json';
  ctx.body = { error: status === 401 ? 'unauthorized' : 'forbidden', message };
}

/**
 * Serves `GET /metrics` in Prometheus text: to a local request without a token, to any other
 * only with `Authorization: Bearer <token>`; otherwise 401 (no token) or 403 (wrong token, or
 * none configured), with no data. Mounted after the Host/Origin guard, so a page rebound to
 * this address cannot read it through the loopback rule.
 *
 * @example
 * createApp({ …, mounts: [metricsEndpoint({ metrics, token: settings.metrics.token })] });
 */
export function metricsEndpoint(options: {
  metrics: ServerMetrics;
  token: string | undefined;
}): Koa.Middleware {
  const { metrics, token } = options;
  return async (ctx, next) => {
    if (ctx.path !== metricsPath) {
      await next();
      return;
    }
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.status = 405;
      ctx.set('allow', 'GET, HEAD');
      return;
    }
    if (!isLocalRequest(ctx.req)) {
      const given = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('authorization'))?.[1];
      if (token === undefined) {
        refuse(
          ctx,
          403,
          'metrics are served to this machine only; set METRICS_TOKEN to scrape from elsewhere',
        );
        return;
      }
      if (given === undefined) {
        refuse(ctx, 401, 'send Authorization: Bearer <METRICS_TOKEN>');
        return;
      }
      if (!sameToken(given, token)) {
        refuse(ctx, 403, 'the metrics token is not the configured one');
        return;
      }
    }
    const { contentType, body } = await metrics.render();
    ctx.set('cache-control', 'no-store');
    ctx.type = contentType;
    ctx.body = body;
  };
}
