import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { MetricLabels } from './server-metrics.js';

/** One value of a metric as prom-client's registry renders it (`metric.get().values`). */
export interface RenderedValue {
  readonly value: number;
  readonly labels: Readonly<Record<string, string>>;
  /** Written after `labels`: a histogram's bucket is `{le="…",collection="…"}`, as prom-client writes it. */
  readonly sharedLabels?: Readonly<Record<string, string>>;
  readonly metricName?: string;
}

/**
 * What prom-client's `Registry.registerMetric` takes: a name, help, type and a `get()` of the
 * current values. The registry renders and escapes them; nothing of prom-client runs per call.
 */
export interface RenderedMetric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly aggregator: 'sum';
  get(): RenderedMetric & { readonly values: readonly RenderedValue[] };
}

/** A counter's or a histogram's series, kept in plain numbers by this process. */
interface Series {
  readonly labels: Readonly<Record<string, string>>;
  value: number;
  /** Histograms only: observations per bucket (not cumulative), the last for `+Inf`. */
  readonly buckets: number[];
  sum: number;
}

/**
 * The series of one counter or histogram, counted in plain numbers: prom-client's own
 * `inc`/`observe` hash the labels on every call, even through `labels()`, which cost the hot
 * path a few percent of its CPU (ADR 0038). A series' labels are checked once, when it is first
 * used; `bind` hands out the series itself. The registry reads them at scrape time.
 *
 * @example
 * const calls = new LocalSeries({ name: 'servicedesk_tool_calls_total', help: 'Calls', type: 'counter', labelNames: ['tool'] });
 * calls.series({ tool: 'ping' }).value += 1;
 */
export class LocalSeries {
  readonly #name: string;
  readonly #help: string;
  readonly #type: 'counter' | 'histogram';
  readonly #labelNames: readonly string[];
  readonly #bounds: readonly number[];
  readonly #series = new Map<string, Series>();

  constructor(definition: {
    readonly name: string;
    readonly help: string;
    readonly type: 'counter' | 'histogram';
    readonly labelNames: readonly string[];
    readonly buckets?: readonly number[];
  }) {
    this.#name = definition.name;
    this.#help = definition.help;
    this.#type = definition.type;
    this.#labelNames = definition.labelNames;
    this.#bounds = [...(definition.buckets ?? [])].sort((a, b) => a - b);
    // A metric without labels has its one series from the start, shown as zero until used.
    if (this.#labelNames.length === 0) this.series({});
  }

  /** The series of `labels`, made (and its labels checked) on first use. */
  series(labels: MetricLabels): Series {
    const key = this.#labelNames.map((name) => labels[name] ?? '').join('\u0000');
    const known = this.#series.get(key);
    if (known) return known;
    for (const name of Object.keys(labels)) {
      if (!this.#labelNames.includes(name))
        throw new ServiceDeskError(
          'CONFIG_INVALID',
          `metric "${this.#name}" has no label "${name}"; its labels are ${this.#labelNames.join(', ') || 'none'}`,
        );
    }
    const made: Series = {
      labels: Object.freeze({ ...labels }),
      value: 0,
      buckets: new Array<number>(this.#bounds.length + 1).fill(0),
      sum: 0,
    };
    this.#series.set(key, made);
    return made;
  }

  /** Counts `value` into `series`' histogram bucket, sum and count. */
  observe(series: Series, value: number): void {
    // As prom-client would refuse it; a metric never fails the call that records it.
    if (!Number.isFinite(value)) return;
    const bounds = this.#bounds;
    let at = 0;
    while (at < bounds.length && value > (bounds[at] as number)) at++;
    series.buckets[at] = (series.buckets[at] as number) + 1;
    series.sum += value;
    series.value++;
  }

  /** The metric as the registry takes it (see {@link RenderedMetric}). */
  rendered(): RenderedMetric {
    const render = (): RenderedMetric & { values: RenderedValue[] } => ({
      ...metric,
      values: this.#type === 'counter' ? this.#counterValues() : this.#histogramValues(),
    });
    const metric: RenderedMetric = {
      name: this.#name,
      help: this.#help,
      type: this.#type,
      aggregator: 'sum',
      get: render,
    };
    return metric;
  }

  #counterValues(): RenderedValue[] {
    return [...this.#series.values()].map((s) => ({ value: s.value, labels: s.labels }));
  }

  #histogramValues(): RenderedValue[] {
    const values: RenderedValue[] = [];
    for (const s of this.#series.values()) {
      let cumulative = 0;
      s.buckets.forEach((count, at) => {
        cumulative += count;
        const le = at < this.#bounds.length ? String(this.#bounds[at]) : '+Inf';
        values.push({
          value: cumulative,
          labels: { le },
          sharedLabels: s.labels,
          metricName: `${this.#name}_bucket`,
        });
      });
      values.push({ value: s.sum, labels: s.labels, metricName: `${this.#name}_sum` });
      values.push({ value: s.value, labels: s.labels, metricName: `${this.#name}_count` });
    }
    return values;
  }
}
