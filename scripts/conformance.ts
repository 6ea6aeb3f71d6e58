/**
 * `npm run conformance`: serves the conformance fixtures (examples/conformance) on an ephemeral
 * loopback port with a fresh SQLite file, then runs `@modelcontextprotocol/conformance` against
 * it four times — the active server suite, the `json-schema-2020-12` and `server-sse-polling`
 * scenarios, which the suite leaves out as pending, and (with the pre-release that has them) every
 * scenario revision 2026-07-28 requires, the Tasks extension's included. Exits non-zero if any
 * run reports a failed check, or if SSE polling leaves a check unrun (a warning). Of the
 * 2026-07-28 run, only scenarios the suite scores count: it also runs pending ones that test
 * choices we made otherwise (schema keywords Copilot Studio rejects, ADR 0023; `x-mcp-header`,
 * which no tool declares, ADR 0026).
 *
 * The suite needs Node 22, which `npx -p node@22` fetches from the npm registry for this run only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ServiceDeskServer } from '../core/index.js';
import config from '../examples/conformance/servicedesk.config.js';

const suitePackage = '@modelcontextprotocol/conformance@0.1.16';
/** The first release with revision 2026-07-28's requirements (a pre-release, pinned). */
const modernSuitePackage = '@modelcontextprotocol/conformance@0.2.0-alpha.12';

interface RunSummary {
  readonly label: string;
  readonly exitCode: number;
  readonly scenarios: number;
  readonly passed: number;
  readonly failed: number;
  readonly warnings: number;
}

/** Runs the suite once, streaming its output, and reads the totals it prints. */
function runSuite(
  url: string,
  label: string,
  options: { readonly args?: string; readonly suite?: string } = {},
): Promise<RunSummary> {
  const command = `conformance server --url ${url}${options.args ?? ''}`;
  const suite = options.suite ?? suitePackage;
  console.log(`\n== conformance (${label}, ${suite}): ${command}\n`);
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const child = spawn(npx, ['-y', '-p', 'node@22', '-p', suite, '-c', command], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(chunk);
  });
  return new Promise((resolve) => {
    const finish = (exitCode: number): void => resolve(summarize(output, { label, exitCode }));
    child.once('error', (error) => {
      console.error(`could not start npx: ${error.message}`);
      finish(1);
    });
    child.once('close', (code) => finish(code ?? 1));
  });
}

/**
 * Suite mode prints one `✓ name: N passed, M failed` line per scenario and a `Total:` line;
 * single-scenario mode prints `Passed: a/b, f failed, w warnings`. Output that has neither means
 * the suite did not run, which counts as a failure.
 */
function summarize(output: string, run: { label: string; exitCode: number }): RunSummary {
  const total = /^Total: (\d+) passed, (\d+) failed/m.exec(output);
  if (total) {
    const lines = [...output.matchAll(/^[✓✗] ([\w-]+): (\d+) passed, (\d+) failed/gm)];
    // A requirements run lists the scenarios it ran but does not score (pending, extensions).
    const unscored = new Set(
      [...(output.split(/^Not scored for .*$/m)[1] ?? '').matchAll(/^ {2}[✓✗] ([\w-]+) \(/gm)].map(
        (match) => match[1],
      ),
    );
    const scored = lines.filter((line) => !unscored.has(line[1]));
    return {
      ...run,
      scenarios: scored.length,
      passed: scored.reduce((sum, line) => sum + Number(line[2]), 0),
      failed: scored.reduce((sum, line) => sum + Number(line[3]), 0),
      warnings: 0,
    };
  }
  const single = /^Passed: (\d+)\/\d+, (\d+) failed(?:, (\d+) warnings?)?/m.exec(output);
  if (single) {
    return {
      ...run,
      scenarios: 1,
      passed: Number(single[1]),
      failed: Number(single[2]),
      warnings: Number(single[3] ?? 0),
    };
  }
  return { ...run, scenarios: 0, passed: 0, failed: 1, warnings: 0 };
}

async function main(): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'servicedesk-conformance-'));
  let server: ServiceDeskServer | undefined;
  const stop = async (): Promise<void> => {
    const running = server;
    server = undefined;
    await running?.close();
    rmSync(folder, { recursive: true, force: true });
  };
  const interrupted = (): void => void stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    server = await createServer(
      {
        ...config,
        databaseUrl: join(folder, 'conformance.db'),
        // 127.0.0.1 rather than localhost: a loopback URL the DNS-rebinding scenario accepts,
        // without depending on whether localhost resolves to ::1 first.
        http: { ...config.http, host: '127.0.0.1', port: 0 },
        log: { level: 'warn' },
      },
      { env: {} },
    );
    await server.listen();
    const url = server.collections[0]?.url;
    if (url === undefined) throw new Error('the conformance config serves no collection');
    console.log(`conformance server listening at ${url}`);
    const runs = [
      await runSuite(url, 'active suite'),
      await runSuite(url, 'json-schema-2020-12', { args: ' --scenario json-schema-2020-12' }),
      await runSuite(url, 'server-sse-polling', { args: ' --scenario server-sse-polling' }),
      await runSuite(url, 'revision 2026-07-28', {
        args: ' --requirements 2026-07-28',
        suite: modernSuitePackage,
      }),
    ];
    // SSE polling reports what it could not check as warnings: each one is a check that did not
    // run (no priming event, no retry, no resume), so none may remain.
    const polling = runs[2];
    const pollingChecked = polling !== undefined && polling.passed >= 3 && polling.warnings === 0;
    console.log('');
    for (const run of runs) {
      console.log(
        `${run.label}: ${run.scenarios} scenario(s), ${run.passed} checks passed, ${run.failed} failed (exit ${run.exitCode})`,
      );
    }
    const passed = runs.reduce((sum, run) => sum + run.passed, 0);
    const failed = runs.reduce((sum, run) => sum + run.failed, 0);
    console.log(`conformance: ${passed} passed, ${failed} failed`);
    if (!pollingChecked) console.log('server-sse-polling: its checks did not all run and pass');
    return failed === 0 && pollingChecked && runs.every((run) => run.exitCode === 0) ? 0 : 1;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
