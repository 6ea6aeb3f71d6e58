import { describe, expect, it } from 'vitest';
import { runProgress } from '../../../plugins/runbooks/run-task.js';
import type { RunView } from '../../../plugins/runbooks/index.js';

const step = (
  id: string,
  status: RunView['steps'][number]['status'],
  times: [string | null, string | null],
) => ({
  id,
  tool: 'create_ticket',
  status,
  startedAt: times[0],
  finishedAt: times[1],
});

const run = (
  status: RunView['status'],
  steps: RunView['steps'],
  finishedAt: string | null = null,
): RunView => ({
  runId: 'r1',
  runbook: 'drill',
  mode: 'start',
  status,
  startedAt: '2026-12-01T10:00:00.000Z',
  finishedAt,
  steps,
});

describe('a runbook run as task progress', () => {
  it('is working while it runs, naming the step and the last change', () => {
    const progress = runProgress(
      run('running', [
        step('one', 'ok', ['2026-12-01T10:00:01.000Z', '2026-12-01T10:00:02.000Z']),
        step('two', 'running', ['2026-12-01T10:00:03.000Z', null]),
        step('three', 'not_run', [null, null]),
      ]),
    );
    expect(progress).toEqual({
      status: 'working',
      message: 'step 2 of 3 (two) is running',
      updatedAt: new Date('2026-12-01T10:00:03.000Z'),
    });
  });

  it('says a cancel is pending until the run reaches the next step', () => {
    const view = {
      ...run('running', [
        step('one', 'ok', ['2026-12-01T10:00:01.000Z', '2026-12-01T10:00:02.000Z']),
        step('two', 'not_run', [null, null]),
      ]),
      cancelRequestedAt: '2026-12-01T10:00:05.000Z',
    };
    expect(runProgress(view)).toMatchObject({
      status: 'working',
      message: 'between steps (1 of 2 done); it stops before its next step',
      updatedAt: new Date('2026-12-01T10:00:05.000Z'),
    });
  });

  it('completes with the run for every ending of its own, a failed step included', () => {
    for (const status of ['completed', 'completed_with_errors', 'failed'] as const) {
      const view = run(status, [], '2026-12-01T10:01:00.000Z');
      expect(runProgress(view)).toEqual({
        status: 'completed',
        output: view,
        message: `run ${status}`,
        updatedAt: new Date('2026-12-01T10:01:00.000Z'),
      });
    }
  });

  it('is cancelled when cancelled, and failed when its server stopped under it', () => {
    expect(runProgress(run('cancelled', [], '2026-12-01T10:01:00.000Z')).status).toBe('cancelled');
    expect(runProgress(run('interrupted', [], '2026-12-01T10:01:00.000Z'))).toMatchObject({
      status: 'failed',
      message: /was interrupted: the server running it stopped/,
    });
  });
});
