import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskTables } from '../../../plugins/desk/index.js';
import type { RunbookTables } from '../../../plugins/runbooks/index.js';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { minutesOn, outcomes, waitFor, type Run } from './run-helpers.js';
import { startRunbooksServer, type RunbooksServer } from './runbooks-fixture.js';

describe.each(testEngines)('runbook runs on $engine', (engine) => {
  let s: RunbooksServer;
  let tom: Client;
  let priya: Client;
  let admin: Client;

  const counts = () =>
    s.read(async (db) => ({
      runs: (await db.withTables<RunbookTables>().selectFrom('runbook_runs').select('id').execute())
        .length,
      tickets: (await db.withTables<DeskTables>().selectFrom('desk_tickets').select('id').execute())
        .length,
    }));
  const runStatus = (runId: string) =>
    s.read(async (db) => {
      const row = await db
        .withTables<RunbookTables>()
        .selectFrom('runbook_runs')
        .select('status')
        .where('id', '=', runId)
        .executeTakeFirst();
      return row?.status;
    });

  beforeAll(async () => {
    s = await startRunbooksServer(engine);
    tom = await s.t.connect('agent', 'tom-token');
    priya = await s.t.connect('agent', 'priya-token');
    admin = await s.t.connect('agent', 'admin-token');
  });
  afterAll(() => s.close());

  it('refuses bad arguments to run_<id> and writes nothing', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /summary: .*expected string/],
      [
        { summary: 42, details: 'x', service: 'VPN and Remote Access' },
        /summary: .*expected string/,
      ],
      [{ summary: 'VPN', details: 'x' }, /service: /],
      [
        { summary: 'VPN', details: 'x', service: 'Managed Printing', requester: 'not-mail' },
        /requester: /,
      ],
      [
        { summary: 'VPN', details: 'x', service: 'Managed Printing', mode: 'later' },
        /mode: .*"await"/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await call(s.sam, 'run_raise_and_resolve', args);
      expect(result.isError).toBe(true);
      expect(result.text).toMatch(/^Invalid arguments for tool run_raise_and_resolve: /);
      expect(result.text).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a malformed or unknown run id', async () => {
    const malformed = await call(s.sam, 'get_runbook_run', { runId: 'run-1' });
    expect(malformed.isError).toBe(true);
    expect(malformed.text).toMatch(/runId must be the run id \(a UUID\)/);
    const unknown = await call(s.sam, 'get_runbook_run', {
      runId: '6f1c2a7e-52b4-4c1e-9a1d-0f3e6b1c9d2a',
    });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/no runbook run 6f1c2a7e-.* that you started/);
  });

  it('stops at a failing step with onError stop: the run failed, later steps not run', async () => {
    const { out } = await call(s.sam, 'run_fail_and_stop', { summary: 'Stop drill' });
    const run = out as Run;
    expect(run.status).toBe('failed');
    expect(outcomes(run)).toEqual(['ticket:ok', 'boom:error', 'log_work:not_run']);
    expect(run.steps[1]!.error).toBe('the drill fails here');
    const ticketId = run.steps[0]!.result!['id'] as number;
    expect(await minutesOn(s, ticketId)).toEqual([]);
    expect(await runStatus(run.runId)).toBe('failed');
  });

  it('carries on past a failing step with onError continue: completed with errors', async () => {
    const { out } = await call(s.sam, 'run_fail_and_continue', { summary: 'Continue drill' });
    const run = out as Run;
    expect(run.status).toBe('completed_with_errors');
    expect(outcomes(run)).toEqual(['ticket:ok', 'boom:error', 'log_work:ok']);
    expect(await minutesOn(s, run.steps[0]!.result!['id'] as number)).toEqual([10]);
  });

  it("runs each step with the caller's own permissions: no time:write, no time entry", async () => {
    const { out, isError } = await call(priya, 'run_raise_and_resolve', {
      summary: 'VPN keeps dropping every few minutes',
      details: 'Logged by an agent without time:write.',
      service: 'VPN and Remote Access',
    });
    expect(isError).toBe(false);
    const run = out as Run;
    expect(run.status).toBe('failed');
    expect(outcomes(run)).toEqual([
      'ticket:ok',
      'find_article:ok',
      'note_article:ok',
      'log_work:error',
    ]);
    expect(run.steps[3]!.error).toMatch(
      /^Tool log_time not found: it is not available .* with your permissions/,
    );
    expect(await minutesOn(s, run.steps[0]!.result!['id'] as number)).toEqual([]);
  });

  it('cancels the current step when the client cancels, stores the run cancelled and runs nothing after', async () => {
    const controller = new AbortController();
    let waiting!: () => void;
    const reachedWait = new Promise<void>((resolve) => (waiting = resolve));
    const progress: Progress[] = [];
    const pending = s.sam.callTool(
      { name: 'run_slow_drill', arguments: { summary: 'Cancel drill', seconds: 20 } },
      undefined,
      {
        signal: controller.signal,
        onprogress: (p) => {
          progress.push(p);
          if (p.message?.includes('wait_for_cancel): waiting')) waiting();
        },
      },
    );
    await reachedWait;
    controller.abort('the user pressed stop');
    await expect(pending).rejects.toThrow(/stop|abort/i);
    // Nested progress arrives as a fraction of the step it belongs to.
    expect(progress.map((p) => p.message)).toContain(
      'Step 2 of 3: wait (wait_for_cancel): waiting',
    );

    const stored = await waitFor(async () => {
      const found = await s.read((db) =>
        db
          .withTables<RunbookTables>()
          .selectFrom('runbook_runs')
          .select(['id', 'status'])
          .where('runbook', '=', 'slow_drill')
          .where('status', '!=', 'running')
          .executeTakeFirst(),
      );
      return found;
    });
    expect(stored.status).toBe('cancelled');
    const { out } = await call(s.sam, 'get_runbook_run', { runId: stored.id });
    const run = out as Run;
    expect(outcomes(run)).toEqual(['ticket:ok', 'wait:cancelled', 'log_work:not_run']);
    expect(run.finishedAt).not.toBeNull();
    expect(await minutesOn(s, run.steps[0]!.result!['id'] as number)).toEqual([]);
  });

  it('starts a run in the background and get_runbook_run follows it to the end', async () => {
    const started = await call(s.sam, 'run_slow_drill', {
      summary: 'Background drill',
      seconds: 0.3,
      mode: 'start',
    });
    const run = started.out as Run;
    expect(run.mode).toBe('start');
    expect(run.status).toBe('running');
    expect(run.finishedAt).toBeNull();
    const finished = await waitFor(async () => {
      const { out } = await call(s.sam, 'get_runbook_run', { runId: run.runId });
      return (out as Run).status === 'running' ? undefined : (out as Run);
    });
    expect(finished.status).toBe('completed');
    expect(outcomes(finished)).toEqual(['ticket:ok', 'wait:ok', 'log_work:ok']);
    expect(await minutesOn(s, finished.steps[0]!.result!['id'] as number)).toEqual([10]);
  });

  it('shows a run to the agent who started it and to an admin, not to another agent', async () => {
    const { out } = await call(s.sam, 'run_fail_and_continue', { summary: 'Whose run' });
    const runId = (out as Run).runId;
    const other = await call(tom, 'get_runbook_run', { runId });
    expect(other.isError).toBe(true);
    expect(other.text).toMatch(/no runbook run .* that you started/);
    const byAdmin = await call(admin, 'get_runbook_run', { runId });
    expect(byAdmin.isError).toBe(false);
    expect((byAdmin.out as Run).runId).toBe(runId);
  });
});
