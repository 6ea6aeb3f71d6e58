import type Koa from 'koa';

/**
 * Middleware the app serves after the Host/Origin guard and before the endpoints (the built-in
 * OAuth server, `/metrics`), with the paths it may answer: a collection's POST on one of those
 * goes through the app, where the mount sees it first, rather than the fast path (ADR 0042).
 *
 * @example
 * const mount: AppMount = { middleware: metricsEndpoint({ metrics, token }), owns: (path) => path === metricsPath };
 */
export interface AppMount {
  readonly middleware: Koa.Middleware;
  /** True for a path the middleware may answer (or rewrite) rather than pass on. */
  owns(path: string): boolean;
}
