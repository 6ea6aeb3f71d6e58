import type { LoadResult } from './load.js';
import type { TargetKind } from './target-protocol.js';

/** One measured cell of the table. */
export interface Cell {
  readonly scenario: string;
  readonly target: TargetKind;
  readonly concurrency: number;
  readonly result: LoadResult;
  /** RSS of the target process right after the cell, in bytes. */
  readonly rss: number;
  /** CPU time over wall time during the cell: the target process, and this (load) process. */
  readonly targetCpu: number;
  readonly generatorCpu: number;
  /** The target's CPU time per request, in µs: its cost, whatever else runs on the machine. */
  readonly targetCpuMicrosPerRequest: number;
}

/** The server's and the floor's cell for one scenario and concurrency, when both ran. */
export function pairFor(
  cells: readonly Cell[],
  scenario: string,
  concurrency: number,
): { server: Cell; floor: Cell } | undefined {
  const find = (target: TargetKind): Cell | undefined =>
    cells.find(
      (c) => c.scenario === scenario && c.concurrency === concurrency && c.target === target,
    );
  const server = find('server');
  const floor = find('floor');
  return server && floor ? { server, floor } : undefined;
}

/** Server throughput over floor throughput for the same scenario and concurrency. */
export function ratioFor(
  cells: readonly Cell[],
  scenario: string,
  concurrency: number,
): number | undefined {
  const pair = pairFor(cells, scenario, concurrency);
  if (!pair || pair.floor.result.reqPerSec === 0) return undefined;
  return pair.server.result.reqPerSec / pair.floor.result.reqPerSec;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

// autocannon records latency in whole milliseconds.
function milliseconds(value: number): string {
  return value < 1 ? '<1' : value.toFixed(0);
}

function share(value: number): string {
  return `${(value * 100).toFixed(0)} %`;
}

function formatRow(values: readonly string[], widths: readonly number[]): string {
  return values
    .map((value, i) => (i < 2 ? value.padEnd(widths[i] ?? 0) : value.padStart(widths[i] ?? 0)))
    .join('  ');
}

/** The results table: one row per target and cell, the ratio on the server's row. */
export function formatTable(cells: readonly Cell[]): string[] {
  const header = [
    'scenario',
    'target',
    'conc',
    'req/s',
    'p50 ms',
    'p99 ms',
    'RSS',
    'target CPU',
    'CPU µs/req',
    'loadgen CPU',
    'server/floor',
  ];
  const rows = cells.map((cell) => {
    const ratio =
      cell.target === 'server' ? ratioFor(cells, cell.scenario, cell.concurrency) : undefined;
    return [
      cell.scenario,
      cell.target,
      String(cell.concurrency),
      cell.result.reqPerSec.toFixed(0),
      milliseconds(cell.result.p50),
      milliseconds(cell.result.p99),
      megabytes(cell.rss),
      share(cell.targetCpu),
      cell.targetCpuMicrosPerRequest.toFixed(0),
      share(cell.generatorCpu),
      ratio === undefined ? '' : `${(ratio * 100).toFixed(1)} %`,
    ];
  });
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [formatRow(header, widths), rule, ...rows.map((row) => formatRow(row, widths))];
}

/** A line describing what went wrong in a run, or undefined when it was clean. */
export function describeFailures(label: string, result: LoadResult): string | undefined {
  const problems = [
    result.badBodies > 0 && `${result.badBodies} wrong bodies`,
    result.non2xx > 0 && `${result.non2xx} non-2xx responses`,
    result.errors > 0 && `${result.errors} connection errors/timeouts`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length === 0) return undefined;
  const sample =
    result.sampleBadBody === undefined ? '' : `; first wrong body: ${result.sampleBadBody}`;
  return `FAILED ${label}: ${problems.join(', ')}${sample}`;
}

export function verdict(met: boolean): string {
  return met ? 'MET' : 'NOT MET';
}
