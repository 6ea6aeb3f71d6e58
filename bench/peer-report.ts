import { megabytes, type Cell } from './report.js';
import type { TargetKind } from './target-protocol.js';

/** One target's memory readings in a `--peers` run, in bytes. */
export interface MemoryReading {
  readonly target: TargetKind;
  /** RSS once it answered its first call, before any load. */
  readonly atStart: number;
  readonly afterWarmup: number;
  readonly afterRun: number;
}

/** One target's cold starts, in milliseconds. */
export interface ColdStarts {
  readonly target: TargetKind;
  readonly times: readonly number[];
}

/**
 * The median of `values` (the upper one of an even count), NaN for none.
 *
 * @example
 * median([310, 290, 300]); // 300
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** `value / floor` as `0.62×`, or `–` when either is missing or the floor is 0. */
export function times(value: number | undefined, floor: number | undefined): string {
  if (value === undefined || floor === undefined || floor === 0 || !Number.isFinite(floor))
    return '–';
  return `${(value / floor).toFixed(2)}×`;
}

// autocannon records latency in whole milliseconds.
function milliseconds(value: number): string {
  return value < 1 ? '<1' : value.toFixed(0);
}

/** A plain-text table: the first `left` columns are text (left-aligned), the rest figures. */
function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  left: number,
): string[] {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => (i < left ? value.padEnd(widths[i]!) : value.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/**
 * The throughput table of a `--peers` run: every target's cell beside the floor's cell of the
 * same scenario, revision and concurrency, with req/s, p99 and CPU per call as ratios to it.
 *
 * @example
 * console.log(peerCellTable(cells).join('\n'));
 */
export function peerCellTable(cells: readonly Cell[]): string[] {
  const floorOf = (cell: Cell): Cell | undefined =>
    cells.find(
      (c) =>
        c.target === 'floor' &&
        c.scenario === cell.scenario &&
        c.protocolVersion === cell.protocolVersion &&
        c.concurrency === cell.concurrency,
    );
  const rows = cells.map((cell) => {
    const floor = floorOf(cell);
    // A cell in which no call finished (every one slower than the cell) has no figures.
    if (cell.result.requests === 0)
      return [
        cell.scenario,
        cell.protocolVersion,
        String(cell.concurrency),
        cell.target,
        '0',
        'no call finished in the cell',
      ];
    return [
      cell.scenario,
      cell.protocolVersion,
      String(cell.concurrency),
      cell.target,
      cell.result.reqPerSec.toFixed(0),
      times(cell.result.reqPerSec, floor?.result.reqPerSec),
      milliseconds(cell.result.p50),
      milliseconds(cell.result.p99),
      times(cell.result.p99, floor?.result.p99),
      cell.targetCpuMicrosPerRequest.toFixed(0),
      times(cell.targetCpuMicrosPerRequest, floor?.targetCpuMicrosPerRequest),
      `${(cell.targetCpu * 100).toFixed(0)} %`,
      `${(cell.generatorCpu * 100).toFixed(0)} %`,
    ];
  });
  return table(
    [
      'scenario',
      'revision',
      'conc',
      'target',
      'req/s',
      '×floor',
      'p50 ms',
      'p99 ms',
      '×floor',
      'CPU µs/req',
      '×floor',
      'target CPU',
      'loadgen CPU',
    ],
    rows,
    4,
  );
}

/**
 * Cold start (median of the runs) and RSS (at start, after warm-up, after the memory run) of
 * every target, each beside its ratio to the floor's.
 *
 * @example
 * console.log(peerStartTable(coldStarts, memory, 100_000).join('\n'));
 */
export function peerStartTable(
  coldStarts: readonly ColdStarts[],
  memory: readonly MemoryReading[],
  memoryCalls: number,
): string[] {
  const floorStart = median(coldStarts.find((c) => c.target === 'floor')?.times ?? []);
  const floorMemory = memory.find((m) => m.target === 'floor');
  const rows = coldStarts.map(({ target, times: runs }) => {
    const reading = memory.find((m) => m.target === target);
    const growth = reading ? (reading.afterRun - reading.afterWarmup) / reading.afterWarmup : NaN;
    return [
      target,
      median(runs).toFixed(0),
      runs.map((t) => t.toFixed(0)).join(', '),
      times(median(runs), floorStart),
      reading ? megabytes(reading.atStart) : '–',
      times(reading?.atStart, floorMemory?.atStart),
      reading ? megabytes(reading.afterWarmup) : '–',
      times(reading?.afterWarmup, floorMemory?.afterWarmup),
      reading ? megabytes(reading.afterRun) : '–',
      times(reading?.afterRun, floorMemory?.afterRun),
      Number.isFinite(growth) ? `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %` : '–',
    ];
  });
  return table(
    [
      'target',
      'cold ms',
      'runs',
      '×floor',
      'RSS start',
      '×floor',
      'RSS warm',
      '×floor',
      `RSS +${memoryCalls}`,
      '×floor',
      'growth',
    ],
    rows,
    1,
  );
}
