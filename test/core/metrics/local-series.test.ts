import * as client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { LocalSeries } from '../../../core/metrics/local-series.js';

const buckets = [0.005, 0.01, 0.1, 1];
const observations = [0.001, 0.005, 0.007, 0.05, 0.5, 2, 30, 0.1];

async function rendered(register: (registry: client.Registry) => void): Promise<string> {
  const registry = new client.Registry();
  register(registry);
  return registry.metrics();
}

describe('LocalSeries', () => {
  it("renders a histogram exactly as prom-client's own Histogram does", async () => {
    const labels = { collection: 'desk', tool: 'get_ticket' };
    const ours = await rendered((registry) => {
      const local = new LocalSeries({
        name: 'calls_seconds',
        help: 'Call time',
        type: 'histogram',
        labelNames: ['collection', 'tool'],
        buckets,
      });
      const series = local.series(labels);
      for (const value of observations) local.observe(series, value);
      local.observe(local.series({ collection: 'desk', tool: 'ping' }), 0.002);
      registry.registerMetric(local.rendered() as unknown as client.Metric);
    });
    const theirs = await rendered((registry) => {
      const histogram = new client.Histogram({
        name: 'calls_seconds',
        help: 'Call time',
        labelNames: ['collection', 'tool'],
        buckets,
        registers: [registry],
      });
      for (const value of observations) histogram.observe(labels, value);
      histogram.observe({ collection: 'desk', tool: 'ping' }, 0.002);
    });
    expect(ours).toBe(theirs);
    expect(ours).toContain('calls_seconds_bucket{le="0.01",collection="desk",tool="get_ticket"} 3');
    expect(ours).toContain('calls_seconds_count{collection="desk",tool="get_ticket"} 8');
  });

  it('renders counters, and a metric without labels as zero before it is used', async () => {
    const ours = await rendered((registry) => {
      const calls = new LocalSeries({
        name: 'calls_total',
        help: 'Calls',
        type: 'counter',
        labelNames: ['tool'],
      });
      calls.series({ tool: 'a"b' }).value += 2;
      calls.series({ tool: 'a"b' }).value += 1;
      const waits = new LocalSeries({
        name: 'waits_seconds',
        help: 'Waits',
        type: 'histogram',
        labelNames: [],
        buckets: [1],
      });
      registry.registerMetric(calls.rendered() as unknown as client.Metric);
      registry.registerMetric(waits.rendered() as unknown as client.Metric);
    });
    expect(ours).toContain('# TYPE calls_total counter\ncalls_total{tool="a\\"b"} 3');
    expect(ours).toContain('waits_seconds_bucket{le="+Inf"} 0');
    expect(ours).toContain('waits_seconds_count 0');
  });

  it('refuses a label the metric does not declare, and ignores a value that is not finite', () => {
    const local = new LocalSeries({
      name: 'x_seconds',
      help: 'X',
      type: 'histogram',
      labelNames: ['tool'],
      buckets: [1],
    });
    expect(() => local.series({ tol: 'ping' })).toThrow(/has no label "tol"; its labels are tool/);
    const series = local.series({ tool: 'ping' });
    local.observe(series, Number.NaN);
    local.observe(series, Number.POSITIVE_INFINITY);
    expect(series.value).toBe(0);
    expect(series.sum).toBe(0);
  });
});
