import type { DeskTables } from '../../../plugins/desk/index.js';
import type { RunbooksServer } from './runbooks-fixture.js';

/** A run as run_<id>, get_runbook_run and cancel_runbook_run return it. */
export interface Run {
  runId: string;
  status: string;
  mode: string;
  finishedAt: string | null;
  cancelRequestedAt?: string;
  steps: { id: string; status: string; error?: string; result?: Record<string, unknown> }[];
}

/** `step:status` for each step, in order, e.g. `['ticket:ok', 'wait:cancelled']`. */
export const outcomes = (run: Run): string[] =>
  run.steps.map((step) => `${step.id}:${step.status}`);

/** Polls `probe` until it returns a value (at most 10 s). */
export async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The minutes logged on ticket `ticketId`, read beside the server. */
export function minutesOn(s: RunbooksServer, ticketId: number): Promise<number[]> {
  return s.read(async (db) =>
    (
      await db
        .withTables<DeskTables>()
        .selectFrom('desk_time_entries')
        .select('minutes')
        .where('ticket_id', '=', ticketId)
        .execute()
    ).map((row) => row.minutes),
  );
}
