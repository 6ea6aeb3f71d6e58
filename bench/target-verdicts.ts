import { targetConcurrency, targetRatio } from './options.js';
import { pairFor, ratioFor, verdict, type Cell, type CellKey } from './report.js';
import { scenarios, type Scenario } from './scenarios.js';

/** Below this share of a core, the target was not what limited throughput. */
const busyCoreShare = 0.85;

const indent = ''.padEnd(18);

function keyOf(scenario: Scenario): CellKey {
  return { scenario: scenario.id, protocolVersion: scenario.protocolVersion };
}

function label(scenario: Scenario): string {
  return `${scenario.id} ${scenario.protocolVersion}`.padEnd(29);
}

/** Floor CPU per call over server CPU per call: the ratio a saturated core would give. */
function cpuRatio(pair: { server: Cell; floor: Cell }): number {
  return pair.floor.targetCpuMicrosPerRequest / pair.server.targetCpuMicrosPerRequest;
}

/** The server/floor pair at the target concurrency with its throughput ratio, when both ran. */
function measuredAtTarget(
  cells: readonly Cell[],
  key: CellKey,
): { server: Cell; floor: Cell; ratio: number } | undefined {
  const pair = pairFor(cells, key, targetConcurrency);
  const ratio = ratioFor(cells, key, targetConcurrency);
  return pair && ratio !== undefined ? { ...pair, ratio } : undefined;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

/** Each scenario in each revision against the floor at the target concurrency. */
export function floorTargetLines(cells: readonly Cell[]): string[] {
  const lines = [
    `Target: stateless tools/call at c=${targetConcurrency} reaches ≥ ${targetRatio * 100} % of the floor's req/s`,
  ];
  for (const scenario of scenarios) {
    const pair = measuredAtTarget(cells, keyOf(scenario));
    if (!pair) {
      lines.push(
        `  ${label(scenario)} not measured (c=${targetConcurrency} is not in BENCH_CONCURRENCY)`,
      );
      continue;
    }
    const { server, floor, ratio } = pair;
    lines.push(
      `  ${label(scenario)} ${percent(ratio)}: ${verdict(ratio >= targetRatio)} ` +
        `(CPU per call: server ${server.targetCpuMicrosPerRequest.toFixed(0)} µs, floor ` +
        `${floor.targetCpuMicrosPerRequest.toFixed(0)} µs, so a saturated core would give ` +
        `${percent(cpuRatio(pair))})`,
    );
    if (Math.min(server.targetCpu, floor.targetCpu) < busyCoreShare)
      lines.push(
        `  ${indent} caution: a target used less than ${busyCoreShare * 100} % of a core, so other ` +
          'work on the machine set the pace; the CPU-per-call ratio is the steadier figure',
      );
  }
  return lines;
}

/**
 * Issue 17's target for revision 2026-07-28: at the target concurrency its ratio to the floor at
 * least matches 2025-11-25's, tool by tool. Each ratio is taken against the floor cell run right
 * after it, so drift of the machine between the two revisions' cells cancels out.
 */
export function eraTargetLines(cells: readonly Cell[]): string[] {
  const lines = [
    `Target: 2026-07-28 stateless tools/call at c=${targetConcurrency} at least matches ` +
      `2025-11-25's ratio to the floor`,
  ];
  const tools = [...new Set(scenarios.map((scenario) => scenario.id))];
  for (const tool of tools) {
    const legacy = measuredAtTarget(cells, { scenario: tool, protocolVersion: '2025-11-25' });
    const modern = measuredAtTarget(cells, { scenario: tool, protocolVersion: '2026-07-28' });
    if (!legacy || !modern) {
      lines.push(
        `  ${tool.padEnd(18)} not measured (c=${targetConcurrency} is not in BENCH_CONCURRENCY)`,
      );
      continue;
    }
    const points = (modern.ratio - legacy.ratio) * 100;
    lines.push(
      `  ${tool.padEnd(18)} 2026-07-28 ${percent(modern.ratio)} vs 2025-11-25 ${percent(legacy.ratio)} ` +
        `of the floor (${points >= 0 ? '+' : ''}${points.toFixed(1)} points): ` +
        `${verdict(modern.ratio >= legacy.ratio)}`,
      `  ${indent} CPU per server call ${modern.server.targetCpuMicrosPerRequest.toFixed(0)} µs vs ` +
        `${legacy.server.targetCpuMicrosPerRequest.toFixed(0)} µs; CPU-per-call ratio to the floor ` +
        `${percent(cpuRatio(modern))} vs ${percent(cpuRatio(legacy))}`,
    );
  }
  return lines;
}
