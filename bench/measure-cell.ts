import { runLoad, type LoadLength, type LoadResult } from './load.js';
import { describeFailures, type Cell } from './report.js';
import type { Scenario } from './scenarios.js';
import type { TargetProcess } from './target-process.js';

/**
 * A line of progress on stderr, so stdout holds only the report.
 *
 * @example
 * progress('server started');
 */
export function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/**
 * Runs load and records anything wrong with it; every run's bodies are checked, warm-ups too.
 *
 * @example
 * const load = new CheckedLoad();
 * await load.run(target, pingScenario, { label: 'ping', connections: 16, length: { seconds: 5 } });
 */
export class CheckedLoad {
  readonly failures: string[] = [];
  checked = 0;

  async run(
    target: { readonly url: string },
    scenario: Scenario,
    run: { label: string; connections: number; length: LoadLength },
  ): Promise<LoadResult> {
    const result = await runLoad(target.url, scenario, run);
    this.checked += result.requests;
    const failure = describeFailures(run.label, result);
    if (failure !== undefined) {
      this.failures.push(failure);
      progress(failure);
    }
    return result;
  }
}

/**
 * One measured cell: a warm-up, then `durationSec` of load on one target with the target's CPU
 * time and this process's (the load generator's) read around it.
 *
 * @example
 * const cell = await measureCell(target, { scenario, concurrency: 16, options }, load);
 */
export async function measureCell(
  target: TargetProcess,
  run: {
    scenario: Scenario;
    concurrency: number;
    options: { readonly warmupSec: number; readonly durationSec: number };
  },
  load: CheckedLoad,
): Promise<Cell> {
  const { scenario, concurrency, options } = run;
  const label = `${scenario.id} ${scenario.protocolVersion} ${target.kind} c=${concurrency}`;
  await load.run(target, scenario, {
    label: `${label} (warm-up)`,
    connections: concurrency,
    length: { seconds: options.warmupSec },
  });
  const before = await target.stats();
  const generatorBefore = process.cpuUsage();
  const started = performance.now();
  const result = await load.run(target, scenario, {
    label,
    connections: concurrency,
    length: { seconds: options.durationSec },
  });
  const wallMicros = (performance.now() - started) * 1000;
  const generator = process.cpuUsage(generatorBefore);
  const after = await target.stats();
  progress(`${label}: ${result.reqPerSec.toFixed(0)} req/s, p99 ${result.p99} ms`);
  return {
    scenario: scenario.id,
    protocolVersion: scenario.protocolVersion,
    target: target.kind,
    concurrency,
    result,
    rss: after.rss,
    targetCpu: (after.cpuMicros - before.cpuMicros) / wallMicros,
    targetCpuMicrosPerRequest: (after.cpuMicros - before.cpuMicros) / result.requests,
    generatorCpu: (generator.user + generator.system) / wallMicros,
  };
}
