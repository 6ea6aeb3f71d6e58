import type { LoadResult } from './load.js';
import type { ProtocolVersion } from './scenarios.js';
import type { TargetKind } from './target-protocol.js';

/** Which calls a cell measured: the scenario's tool, in one protocol revision. */
export interface CellKey {
  readonly scenario: string;
  readonly protocolVersion: ProtocolVersion;
}

/** One measured cell of the table. */
export interface Cell extends CellKey {
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

/** The server's and the floor's cell for one scenario, revision and concurrency, when both ran. */
export function pairFor(
  cells: readonly Cell[],
  key: CellKey,
  concurrency: number,
): { server: Cell; floor: Cell } | undefined {
  const find = (target: TargetKind): Cell | undefined =>
    cells.find(
      (c) =>
        c.scenario === key.scenario &&
        c.protocolVersion === key.protocolVersion &&
        c.concurrency === concurrency &&
        c.target === target,
    );
  const server = find('server');
  const floor = find('floor');
  return server && floor ? { server, floor } : undefined;
}

/** Server throughput over floor throughput for the same scenario, revision and concurrency. */
export function ratioFor(
  cells: readonly Cell[],
  key: CellKey,
  concurrency: number,
): number | undefined {
  const pair = pairFor(cells, key, concurrency);
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
    .map((value, i) => (i < 3 ? value.padEnd(widths[i] ?? 0) : value.padStart(widths[i] ?? 0)))
    .join('  ');
}

/** The results table: one row per target and cell, the ratio on the server's row. */
export function formatTable(cells: readonly Cell[]): string[] {
  const header = [
    'scenario',
    'revision',
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
    const ratio = cell.target === 'server' ? ratioFor(cells, cell, cell.concurrency) : undefined;
    return [
      cell.scenario,
      cell.protocolVersion,
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
