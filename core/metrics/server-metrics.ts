import type * as PromClient from 'prom-client';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { LocalSeries } from './local-series.js';

/** Label values of one series, by label name. */
export type MetricLabels = Readonly<Record<string, string>>;

/** A gauge's value for one set of labels, as a collect function reports it. */
export interface GaugeSample {
  readonly labels: MetricLabels;
  readonly value: number;
}

/** How a counter, gauge or histogram is declared. */
export interface MetricDefinition {
  /** Without the `servicedesk_` prefix (and, for a plugin, without its id): `remote_state`. */
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly string[];
}

/** A counter: only goes up. */
export interface MetricCounter {
  inc(labels?: MetricLabels, by?: number): void;
  /**
   * The series of `labels`, for a hot path that counts it again and again: its labels are
   * checked once, not at every `inc`.
   */
  bind(labels: MetricLabels): { inc(by?: number): void };
}

/** A gauge: set to the current value, or read at scrape time through `collect`. */
export interface MetricGauge {
  set(labels: MetricLabels, value: number): void;
}

/** A histogram of observed values (seconds, by Prometheus convention). */
export interface MetricHistogram {
  observe(labels: MetricLabels, value: number): void;
  /** The series of `labels`, checked once (see {@link MetricCounter.bind}). */
  bind(labels: MetricLabels): { observe(value: number): void };
}

type Client = typeof PromClient;
type Bundle = { client: Client; registry: PromClient.Registry };
type Pending = (bundle: Bundle) => void;

/** Operations kept while prom-client loads; past this, later ones are dropped (and counted). */
const maxPending = 10_000;
const namePattern = /^[a-z][a-z0-9_]*$/;

/**
 * The server's metrics: counters, gauges and histograms in a `Registry` of its own (several
 * servers share a test process), rendered in Prometheus text by `render()`. prom-client costs
 * about 130 ms to import, so it is loaded a moment after listening or at the first scrape, never
 * on the start path (ADR 0038). Counters and histograms are counted in plain numbers here
 * ({@link LocalSeries}) and read by the registry at scrape time, so no prom-client code runs per
 * call; gauge operations made before the load are kept and replayed. A disabled instance
 * records nothing and loads nothing.
 *
 * @example
 * const metrics = new ServerMetrics({ enabled: true });
 * const calls = metrics.counter({ name: 'tool_calls_total', help: 'Tool calls', labelNames: ['tool'] });
 * calls.inc({ tool: 'echo' });
 * const { body } = await metrics.render();
 */
export class ServerMetrics {
  readonly enabled: boolean;
  readonly #names = new Set<string>();
  #pending: Pending[] = [];
  #dropped = 0;
  #bundle: Bundle | undefined;
  #loading: Promise<Bundle> | undefined;

  constructor(options: { enabled: boolean }) {
    this.enabled = options.enabled;
  }

  /** Declares a counter named `servicedesk_<name>`. */
  counter(definition: MetricDefinition): MetricCounter {
    const local = this.#local(definition, 'counter');
    if (!local) return { inc: () => undefined, bind: () => ({ inc: () => undefined }) };
    const add = (series: { value: number }, by: number): void => {
      if (by < 0) throw new TypeError(`a counter only goes up; ${String(by)} given`);
      series.value += by;
    };
    return {
      inc: (labels = {}, by = 1) => add(local.series(labels), by),
      bind: (labels) => {
        const series = local.series(labels);
        return { inc: (by = 1) => add(series, by) };
      },
    };
  }

  /** Declares a histogram named `servicedesk_<name>` with `buckets` (upper bounds). */
  histogram(
    definition: MetricDefinition & { readonly buckets: readonly number[] },
  ): MetricHistogram {
    const local = this.#local(definition, 'histogram', definition.buckets);
    if (!local) return { observe: () => undefined, bind: () => ({ observe: () => undefined }) };
    return {
      observe: (labels, value) => local.observe(local.series(labels), value),
      bind: (labels) => {
        const series = local.series(labels);
        return { observe: (value) => local.observe(series, value) };
      },
    };
  }

  /**
   * Declares a gauge named `servicedesk_<name>`. With `collect`, its series are exactly what
   * `collect` returns at each scrape (pool sizes, remote states); otherwise `set` them.
   */
  gauge(
    definition: MetricDefinition & { readonly collect?: () => readonly GaugeSample[] },
  ): MetricGauge {
    const { collect } = definition;
    const metric = this.#declare(definition, (client, common) =>
      collect
        ? new client.Gauge({
            ...common,
            collect() {
              this.reset();
              for (const sample of collect()) this.set(sample.labels, sample.value);
            },
          })
        : new client.Gauge(common),
    );
    return { set: (labels, value) => metric((m) => m.set(labels, value)) };
  }

  /** The Prometheus text of every metric, with the Node process metrics. */
  async render(): Promise<{ contentType: string; body: string }> {
    const { registry } = await this.#load();
    return { contentType: registry.contentType, body: await registry.metrics() };
  }

  /** Operations dropped because prom-client had not loaded yet (0 unless it never could). */
  get dropped(): number {
    return this.#dropped;
  }

  /** Claims `servicedesk_<name>`, refusing a bad or repeated name. */
  #claim(definition: MetricDefinition): string {
    const name = `servicedesk_${definition.name}`;
    if (!namePattern.test(definition.name) || this.#names.has(name)) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `metric "${name}" is declared twice or is not lower-case letters, digits and underscores`,
      );
    }
    this.#names.add(name);
    return name;
  }

  /** A counter's or histogram's series, registered with the registry once it is loaded. */
  #local(
    definition: MetricDefinition,
    type: 'counter' | 'histogram',
    buckets?: readonly number[],
  ): LocalSeries | undefined {
    const name = this.#claim(definition);
    if (!this.enabled) return undefined;
    const local = new LocalSeries({
      name,
      help: definition.help,
      type,
      labelNames: definition.labelNames ?? [],
      ...(buckets !== undefined && { buckets }),
    });
    // Registered now even when nothing is recorded, so the series' HELP appears at the first scrape.
    this.#apply((bundle) =>
      bundle.registry.registerMetric(local.rendered() as unknown as PromClient.Metric),
    );
    return local;
  }

  #declare<TMetric>(
    definition: MetricDefinition,
    build: (
      client: Client,
      common: {
        name: string;
        help: string;
        labelNames: string[];
        registers: PromClient.Registry[];
      },
    ) => TMetric,
  ): (use: (metric: TMetric) => void) => void {
    const name = this.#claim(definition);
    if (!this.enabled) return () => undefined;
    let metric: TMetric | undefined;
    const made = (bundle: Bundle): TMetric =>
      (metric ??= build(bundle.client, {
        name,
        help: definition.help,
        labelNames: [...(definition.labelNames ?? [])],
        registers: [bundle.registry],
      }));
    // Declared now even when nothing is recorded, so the series' HELP appears at the first scrape.
    this.#apply((bundle) => void made(bundle));
    return (use) => this.#apply((bundle) => use(made(bundle)));
  }

  #apply(operation: Pending): void {
    if (this.#bundle) {
      operation(this.#bundle);
      return;
    }
    if (this.#pending.length >= maxPending) {
      this.#dropped++;
      void this.#load();
    } else this.#pending.push(operation);
  }

  /**
   * Loads prom-client now, instead of at the first scrape: the server calls it a moment after it
   * is listening, so the import is off the path to its first answer (ADR 0033) and the queue of
   * early operations stays short.
   */
  loadSoon(): void {
    if (this.enabled) void this.#load();
  }

  #load(): Promise<Bundle> {
    return (this.#loading ??= import('prom-client').then((client) => {
      const registry = new client.Registry();
      // Unprefixed (process_*, nodejs_*), as the dashboards made for them expect.
      client.collectDefaultMetrics({ register: registry });
      const bundle = { client, registry };
      for (const operation of this.#pending) operation(bundle);
      this.#pending = [];
      this.#bundle = bundle;
      return bundle;
    }));
  }
}
