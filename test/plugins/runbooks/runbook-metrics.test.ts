import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../helpers/call-tool.js';
import { parsePrometheus, valueOf } from '../../helpers/prometheus-text.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startRunbooksServer, type RunbooksServer } from './runbooks-fixture.js';

describe('runbook runs on /metrics', () => {
  let s: RunbooksServer;
  beforeAll(async () => {
    s = await startRunbooksServer(testEngines[0]!);
  });
  afterAll(() => s?.close());

  it('counts each run by runbook and final status', async () => {
    await call(s.sam, 'run_fail_and_stop', { summary: 'Stop drill' });
    await call(s.sam, 'run_fail_and_continue', { summary: 'Continue drill' });
    await call(s.sam, 'run_fail_and_continue', { summary: 'Continue drill again' });
    const samples = parsePrometheus(await (await fetch(`${s.t.url}/metrics`)).text());
    const runs = (runbook: string, outcome: string) =>
      valueOf(samples, 'servicedesk_runbooks_runs_total', { runbook, outcome });
    expect(runs('fail_and_stop', 'failed')).toBe(1);
    expect(runs('fail_and_continue', 'completed_with_errors')).toBe(2);
    expect(runs('fail_and_continue', 'completed')).toBeUndefined();
    // The run tool's own calls are counted with the core's series too.
    expect(
      valueOf(samples, 'servicedesk_tool_calls_total', {
        tool: 'run_fail_and_continue',
        outcome: 'ok',
      }),
    ).toBe(2);
  });
});
