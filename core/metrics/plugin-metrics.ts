import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type {
  GaugeSample,
  MetricCounter,
  MetricDefinition,
  MetricGauge,
  MetricHistogram,
  ServerMetrics,
} from './server-metrics.js';

/**
 * Metrics a plugin declares in `setup` (`ctx.metrics`), named `servicedesk_<plugin id>_<name>`
 * with the id's dashes as underscores; they appear on `/metrics` beside the core's.
 *
 * @example
 * const runs = ctx.metrics.counter({ name: 'runs_total', help: 'Runbook runs', labelNames: ['runbook', 'outcome'] });
 * runs.inc({ runbook: 'restart', outcome: 'completed' }); // servicedesk_runbooks_runs_total
 */
export interface PluginMetrics {
  counter(definition: MetricDefinition): MetricCounter;
  /** With `collect`, the gauge's series are what it returns at each scrape. */
  gauge(
    definition: MetricDefinition & { readonly collect?: () => readonly GaugeSample[] },
  ): MetricGauge;
  /** `buckets` are upper bounds; observe seconds, by Prometheus convention. */
  histogram(
    definition: MetricDefinition & { readonly buckets: readonly number[] },
  ): MetricHistogram;
}

/** The {@link PluginMetrics} of plugin `pluginId`, declaring into `metrics`. */
export function pluginMetrics(metrics: ServerMetrics, pluginId: string): PluginMetrics {
  const prefix = `${pluginId.replace(/-/g, '_')}_`;
  const declare = <TDefinition extends MetricDefinition, TMetric>(
    definition: TDefinition,
    make: (named: TDefinition) => TMetric,
  ): TMetric => {
    try {
      return make({ ...definition, name: `${prefix}${definition.name}` });
    } catch (error) {
      throw new ServiceDeskError(
        'PLUGIN_SETUP_FAILED',
        `plugin "${pluginId}" declared metric "${definition.name}" twice, or its name is not lower-case letters, digits and underscores`,
        { cause: error },
      );
    }
  };
  return {
    counter: (definition) => declare(definition, (named) => metrics.counter(named)),
    gauge: (definition) => declare(definition, (named) => metrics.gauge(named)),
    histogram: (definition) => declare(definition, (named) => metrics.histogram(named)),
  };
}
