import type Koa from 'koa';
import { metricsEndpoint } from '../http/metrics-endpoint.js';
import type { Logger } from '../log/logger.js';
import { coreMetrics, type CoreMetrics } from '../metrics/core-metrics.js';
import { ServerMetrics } from '../metrics/server-metrics.js';
import type { DatabaseObservers } from '../storage/database.js';
import type { WriteHealth } from '../storage/write-health.js';
import type { MetricsSettings } from './settings.js';

/** A server's metrics: the registry, the core's series, and the `/metrics` middleware when served. */
export interface ServerMetricsWiring {
  readonly registry: ServerMetrics;
  readonly core: CoreMetrics;
  readonly mount: Koa.Middleware | undefined;
}

/**
 * Builds the server's metrics from its settings; when they are off, every series is a no-op
 * and no `/metrics` is mounted.
 *
 * @example
 * const metrics = openMetrics(settings.metrics);
 * new AuditLog({ db, engine, log, onRecord: metrics.core.callEnded });
 */
export function openMetrics(settings: MetricsSettings): ServerMetricsWiring {
  const registry = new ServerMetrics({ enabled: settings.enabled });
  return {
    registry,
    core: coreMetrics(registry),
    mount: settings.enabled
      ? metricsEndpoint({ metrics: registry, token: settings.token })
      : undefined,
  };
}

/**
 * What the server wants to hear from its database: lost connections and failed rollbacks in the
 * log, write health for `/readyz`, pool use and waits for the metrics.
 *
 * @example
 * await openDatabase(settings.storage, databaseObservers({ log, health, metrics }));
 */
export function databaseObservers(options: {
  log: Logger;
  health: WriteHealth;
  metrics: ServerMetricsWiring;
}): DatabaseObservers {
  const { log } = options;
  return {
    health: options.health,
    metrics: options.metrics.core.database,
    onConnectionError: (error) =>
      log.warn('a database connection was lost; the pool opens a new one when needed', {
        error: error.message,
      }),
    onRollbackFailed: (error) =>
      log.warn('a rollback failed after an error; the transaction is abandoned', {
        error: error.message,
      }),
  };
}
