import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunbookTables } from '../../../plugins/runbooks/index.js';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { outcomes, waitFor, type Run } from './run-helpers.js';
import { startRunbooksServer, type RunbooksServer } from './runbooks-fixture.js';

// Heartbeats every 50 ms: a run silent for 200 ms counts as left by a stopped server.
describe.each(testEngines)('runbook runs left by a stopped server on $engine', (engine) => {
  let s: RunbooksServer;

  beforeAll(async () => {
    s = await startRunbooksServer(engine, { heartbeatMs: 50 });
  });
  afterAll(async () => s?.close());

  it('stores a run whose server went silent as interrupted, its step under way cancelled', async () => {
    const runId = '6f1c1d1e-0000-4000-8000-000000000001';
    const longAgo = new Date(Date.now() - 3_600_000).toISOString();
    // One transaction, as a server writes a run: the sweep (every 50 ms) must not see the run
    // without its steps, or it would end the run before its step under way exists.
    await s.read(async (db) =>
      db
        .withTables<RunbookTables>()
        .transaction()
        .execute(async (runs) => {
          await runs
            .insertInto('runbook_runs')
            .values({
              id: runId,
              runbook: 'slow_drill',
              user_id: 'sam@helpdesk.example',
              collection_id: 'agent',
              client_id: 'copilot-studio',
              mode: 'start',
              status: 'running',
              input: '{}',
              started_at: longAgo,
              finished_at: null,
              cancel_requested_at: null,
              heartbeat_at: longAgo,
            })
            .execute();
          await runs
            .insertInto('runbook_steps')
            .values(
              ['ticket', 'wait', 'log_work'].map((stepId, position) => ({
                run_id: runId,
                position,
                step_id: stepId,
                tool: 'create_ticket',
                status:
                  position === 0
                    ? ('ok' as const)
                    : position === 1
                      ? ('running' as const)
                      : ('not_run' as const),
                arguments: null,
                result: null,
                text: null,
                error: null,
                started_at: position < 2 ? longAgo : null,
                finished_at: position === 0 ? longAgo : null,
              })),
            )
            .execute();
        }),
    );
    const run = await waitFor(async () => {
      const { out } = await call(s.sam, 'get_runbook_run', { runId });
      return (out as Run).status === 'running' ? undefined : (out as Run);
    });
    expect(run.status).toBe('interrupted');
    expect(run.finishedAt).toEqual(expect.any(String));
    expect(outcomes(run)).toEqual(['ticket:ok', 'wait:cancelled', 'log_work:not_run']);
    expect(run.steps[1]?.error).toBe('the server running it stopped');
  });

  it('keeps a run it is executing alive through a step longer than the silence allowed', async () => {
    const { isError, out, text } = await call(s.sam, 'run_slow_drill', {
      summary: 'Long wait',
      seconds: 1,
    });
    expect(isError, text).toBe(false);
    expect((out as Run).status).toBe('completed');
    expect(outcomes(out as Run)).toEqual(['ticket:ok', 'wait:ok', 'log_work:ok']);
  });
});
