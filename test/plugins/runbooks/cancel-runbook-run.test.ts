import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunbookTables } from '../../../plugins/runbooks/index.js';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { testRedisUrl, uniqueRedisPrefix } from '../../helpers/test-redis.js';
import { minutesOn, outcomes, waitFor, type Run } from './run-helpers.js';
import { startRunbooksServer, type RunbooksServer } from './runbooks-fixture.js';

describe.each(testEngines)('cancel_runbook_run on $engine', (engine) => {
  let s: RunbooksServer;
  let tom: Client;
  let admin: Client;

  /** Waits until run `runId` is in its waiting step. */
  const inWaitingStep = (runId: string) =>
    waitFor(async () => {
      const { out } = await call(s.sam, 'get_runbook_run', { runId });
      return (out as Run).steps[1]?.status === 'running' ? true : undefined;
    });

  /** Starts the slow drill in the background and waits until it is in its waiting step. */
  const startWaiting = async (): Promise<string> => {
    const started = await call(s.sam, 'run_slow_drill', {
      summary: 'Drill to cancel',
      seconds: 20,
      mode: 'start',
    });
    const runId = (started.out as Run).runId;
    await inWaitingStep(runId);
    return runId;
  };

  beforeAll(async () => {
    s = await startRunbooksServer(engine);
    tom = await s.t.connect('agent', 'tom-token');
    admin = await s.t.connect('agent', 'admin-token');
  });
  afterAll(async () => s?.close());

  it('stops a background run at once: the step under way is cancelled, the rest not run', async () => {
    const runId = await startWaiting();
    const { isError, out, text } = await call(s.sam, 'cancel_runbook_run', { runId });
    expect(isError, text).toBe(false);
    const run = out as Run;
    expect(run.status).toBe('cancelled');
    expect(run.cancelRequestedAt).toEqual(expect.any(String));
    expect(outcomes(run)).toEqual(['ticket:ok', 'wait:cancelled', 'log_work:not_run']);
    expect(await minutesOn(s, run.steps[0]!.result!['id'] as number)).toEqual([]);

    const again = await call(s.sam, 'cancel_runbook_run', { runId });
    expect(again.isError).toBe(true);
    expect(again.text).toMatch(/has already ended \(cancelled\); there is nothing to cancel/);
  });

  it('stops a run someone is awaiting before its next step', async () => {
    const awaited = call(s.sam, 'run_slow_drill', { summary: 'Awaited drill', seconds: 2 });
    const runId = await waitFor(() =>
      s.read(async (db) => {
        const row = await db
          .withTables<RunbookTables>()
          .selectFrom('runbook_runs')
          .select('id')
          .where('status', '=', 'running')
          .where('mode', '=', 'await')
          .executeTakeFirst();
        return row?.id;
      }),
    );
    await inWaitingStep(runId);
    const cancelled = await call(s.sam, 'cancel_runbook_run', { runId });
    expect(cancelled.isError, cancelled.text).toBe(false);
    expect(cancelled.out).toMatchObject({
      status: 'running',
      cancelRequestedAt: expect.any(String),
    });
    const run = (await awaited).out as Run;
    expect(run.status).toBe('cancelled');
    expect(outcomes(run)).toEqual(['ticket:ok', 'wait:ok', 'log_work:not_run']);
    expect(await minutesOn(s, run.steps[0]!.result!['id'] as number)).toEqual([]);
  });

  it('stops a background run on another instance sharing Redis at once', async () => {
    const prefix = uniqueRedisPrefix();
    const first = await startRunbooksServer(engine, {
      redis: { url: testRedisUrl, keyPrefix: prefix },
    });
    const second = await startRunbooksServer(engine, {
      database: first.database,
      redis: { url: testRedisUrl, keyPrefix: prefix },
    });
    try {
      const started = await call(first.sam, 'run_slow_drill', {
        summary: 'Drill to cancel elsewhere',
        seconds: 20,
        mode: 'start',
      });
      const runId = (started.out as Run).runId;
      await waitFor(async () => {
        const { out } = await call(first.sam, 'get_runbook_run', { runId });
        return (out as Run).steps[1]?.status === 'running' ? true : undefined;
      });
      const cancelled = await call(second.sam, 'cancel_runbook_run', { runId });
      expect(cancelled.isError, cancelled.text).toBe(false);
      // Without the message the run would wait out its 20 s step before it looked again.
      const run = await waitFor(async () => {
        const { out } = await call(second.sam, 'get_runbook_run', { runId });
        return (out as Run).status === 'cancelled' ? (out as Run) : undefined;
      });
      expect(outcomes(run)).toEqual(['ticket:ok', 'wait:cancelled', 'log_work:not_run']);
    } finally {
      await second.close();
      await first.close();
    }
  });

  it("lets only the run's owner or an admin cancel it", async () => {
    const runId = await startWaiting();
    const byTom = await call(tom, 'cancel_runbook_run', { runId });
    expect(byTom.isError).toBe(true);
    expect(byTom.text).toMatch(/no runbook run .* that you started/);
    const { out } = await call(s.sam, 'get_runbook_run', { runId });
    expect((out as Run).status).toBe('running');
    expect((out as Run).cancelRequestedAt).toBeUndefined();

    const byAdmin = await call(admin, 'cancel_runbook_run', { runId });
    expect(byAdmin.isError, byAdmin.text).toBe(false);
    expect((byAdmin.out as Run).status).toBe('cancelled');
  });

  it('refuses a run id that is not one, naming the field', async () => {
    const result = await call(s.sam, 'cancel_runbook_run', { runId: 'run-7' });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/runId: runId must be the run id \(a UUID\)/);
  });
});
