import { describe, expect, it } from 'vitest';
import { leanTargetLines, type LeanRun } from '../../bench/lean-targets.js';
import type { Cell } from '../../bench/report.js';

const megabyte = 1024 * 1024;

function cell(p99: number, target: Cell['target'] = 'server'): Cell {
  return {
    scenario: 'ping',
    protocolVersion: '2025-11-25',
    target,
    concurrency: 64,
    result: {
      requests: 1000,
      reqPerSec: 1000,
      p50: 1,
      p99,
      badBodies: 0,
      non2xx: 0,
      errors: 0,
      sampleBadBody: undefined,
    },
    rss: 100 * megabyte,
    targetCpu: 1,
    generatorCpu: 0.3,
    targetCpuMicrosPerRequest: 100,
  };
}

function run(overrides: Partial<LeanRun> = {}): LeanRun {
  return {
    cells: [cell(8), cell(40, 'floor')],
    coldStarts: [
      { target: 'server', times: [240, 230, 250] },
      { target: 'floor', times: [150] },
      { target: 'sdk-v2', times: [275] },
      { target: 'fastmcp', times: [460] },
    ],
    memory: [
      {
        target: 'server',
        atStart: 90 * megabyte,
        afterWarmup: 120 * megabyte,
        afterRun: 121 * megabyte,
      },
    ],
    exampleRuns: [420, 440],
    ...overrides,
  };
}

describe('leanTargetLines', () => {
  it('says MET for every target a run meets, judging only the server', () => {
    const lines = leanTargetLines(run());
    expect(lines.slice(1).every((line) => line.endsWith(': MET'))).toBe(true);
    expect(lines.join('\n')).toContain('worst cell 8 ms');
  });

  it('says NOT MET for each target a run misses', () => {
    const lines = leanTargetLines(
      run({
        cells: [cell(8), cell(12)],
        coldStarts: [
          { target: 'server', times: [664] },
          { target: 'sdk-v2', times: [640] },
        ],
        memory: [
          { target: 'server', atStart: 1, afterWarmup: 120 * megabyte, afterRun: 150 * megabyte },
        ],
        exampleRuns: [990],
      }),
    );
    expect(lines.slice(1).filter((line) => line.endsWith('NOT MET'))).toHaveLength(5);
  });

  it('says what was not measured instead of passing it', () => {
    const lines = leanTargetLines(run({ cells: [], memory: [] }));
    expect(lines).toContain('  p99 at c=64: not measured (64 is not in BENCH_CONCURRENCY)');
    expect(lines).toContain('  RSS of the minimal config: not measured');
  });
});
