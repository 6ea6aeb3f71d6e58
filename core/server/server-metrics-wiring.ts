import type { AppMount } from '../http/app-mount.js';
import { metricsEndpoint, metricsPath } from '../http/metrics-endpoint.js';
import type { Logger } from '../log/logger.js';
import { coreMetrics, type CoreMetrics } from '../metrics/core-metrics.js';
import { ServerMetrics } from '../metrics/server-metrics.js';
import type { DatabaseObservers } from '../storage/database.js';
import type { WriteHealth } from '../storage/write-health.js';
import type { MetricsSettings } from './settings.js';
import { openTracing, type TracingSettings } from './open-tracing.js';
import type { CallTracer } from '../log/call-frame.js';

/** A server's metrics and traces: the registry, the core's series, `/metrics` when served, the tracer when traces are on. */
export interface ServerMetricsWiring {
  readonly registry: ServerMetrics;
  readonly core: CoreMetrics;
  readonly mount: AppMount | undefined;
  readonly tracer: CallTracer | undefined;
  /** Sends the spans still batched. */
  close(): Promise<void>;
}

/**
 * Builds the server's metrics and traces from its settings; with metrics off every series is a
 * no-op and no `/metrics` is mounted; with no OTLP endpoint there is no tracer (and no SDK loaded).
 *
 * @example
 * const metrics = await openMetrics(settings);
 * new AuditLog({ db, engine, log, onRecord: metrics.core.callEnded });
 */
export async function openMetrics(settings: {
  readonly metrics: MetricsSettings;
  readonly tracing: TracingSettings | undefined;
}): Promise<ServerMetricsWiring> {
  const { enabled, token } = settings.metrics;
  const registry = new ServerMetrics({ enabled });
  const tracing = settings.tracing && (await openTracing(settings.tracing));
  return {
    registry,
    core: coreMetrics(registry),
    mount: enabled
      ? {
          middleware: metricsEndpoint({ metrics: registry, token }),
          owns: (path) => path === metricsPath,
        }
      : undefined,
    tracer: tracing?.tracer,
    close: () => tracing?.close() ?? Promise.resolve(),
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
