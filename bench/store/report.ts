import type { DatabaseEngine } from '../../core/index.js';
import type { LatencySummary } from './measure.js';

/** What one engine's run measured. */
export interface EngineResult {
  readonly engine: DatabaseEngine;
  readonly tickets: number;
  readonly seedMs: number;
  readonly operations: readonly { readonly name: string; readonly summary: LatencySummary }[];
}

/** The targets (issue 3, item 8). */
export const byIdP99LimitMs = 1;
export const fullTextP99LimitMs = 20;
export const seedMillionLimitMs = 120_000;

const ms = (value: number) => value.toFixed(2);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met';
}

function targetLines(result: EngineResult): string[] {
  const p99 = (name: string) => result.operations.find((op) => op.name === name)?.summary.p99;
  const lines: string[] = [];
  const byId = p99('ticket by id');
  if (byId !== undefined) {
    lines.push(
      `  ticket by id p99 ${ms(byId)} ms < ${byIdP99LimitMs} ms: ${verdict(byId < byIdP99LimitMs)}`,
    );
  }
  const fullText = p99('full-text search');
  if (fullText !== undefined) {
    lines.push(
      `  full-text p99 ${ms(fullText)} ms < ${fullTextP99LimitMs} ms: ${verdict(fullText < fullTextP99LimitMs)}`,
    );
  }
  if (result.engine === 'sqlite') {
    if (result.tickets >= 1_000_000) {
      const seconds = result.seedMs / 1000;
      lines.push(
        `  seeding ${result.tickets.toLocaleString('en-GB')} in ${seconds.toFixed(1)} s < ` +
          `${seedMillionLimitMs / 1000} s: ${verdict(result.seedMs < seedMillionLimitMs)}`,
      );
    } else {
      lines.push(
        '  seeding target: judged only with a million tickets (BENCH_STORE_TICKETS=1000000)',
      );
    }
  }
  return lines;
}

/** Prints the latency table, the seed times and the verdict on each target. */
export function printResults(
  results: readonly EngineResult[],
  run: { readonly iterations: number; readonly warmup: number; readonly warmupMs: number },
): void {
  const out: string[] = [];
  out.push(
    `\nstore bench: ${run.iterations} calls per operation after at least ${run.warmup} warm-up ` +
      `calls and ${run.warmupMs} ms, one at a time, as the agent sam@helpdesk.example\n`,
  );
  const rows = results.flatMap((result) =>
    result.operations.map((op) => [
      result.engine,
      op.name,
      ms(op.summary.p50),
      ms(op.summary.p99),
      ms(op.summary.mean),
    ]),
  );
  out.push(table(['engine', 'operation', 'p50 ms', 'p99 ms', 'mean ms'], rows), '');
  const seedRows = results.map((result) => [
    result.engine,
    result.tickets.toLocaleString('en-GB'),
    (result.seedMs / 1000).toFixed(1),
    Math.round(result.tickets / (result.seedMs / 1000)).toLocaleString('en-GB'),
  ]);
  out.push(table(['engine', 'tickets', 'seed s', 'tickets/s'], seedRows), '', 'targets:');
  for (const result of results) {
    out.push(`${result.engine}:`, ...targetLines(result));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
