import type { Result } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { watchTasks } from '../../../core/http/task-watch.js';

const task = (status: string, lastUpdatedAt: string): Result => ({
  taskId: 't1',
  status,
  lastUpdatedAt,
});

describe('watching tasks for a listen stream', () => {
  it('sends each change once, keeps watching through a failed read, and stops at the end', async () => {
    const answers: (Result | Error)[] = [
      task('working', '1'),
      task('working', '1'),
      new Error('database restarting'),
      task('completed', '2'),
    ];
    let reads = 0;
    const sent: Result[] = [];
    const stop = watchTasks(
      ['t1'],
      () => {
        const answer = answers[Math.min(reads++, answers.length - 1)]!;
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      },
      (update) => sent.push(update),
    );
    try {
      await expect.poll(() => sent.length, { timeout: 8000, interval: 100 }).toBe(2);
      expect(sent.map((update) => update['status'])).toEqual(['working', 'completed']);
      const readsAtEnd = reads;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // Ended: no more reads.
      expect(reads).toBe(readsAtEnd);
    } finally {
      stop();
    }
  }, 15_000);

  it('drops a task that is gone, and reads nothing after stop', async () => {
    let reads = 0;
    const sent: Result[] = [];
    const stop = watchTasks(
      ['gone'],
      () => {
        reads++;
        return Promise.resolve(undefined);
      },
      (update) => sent.push(update),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    stop();
    expect(reads).toBe(1);
    expect(sent).toEqual([]);
  });
});
