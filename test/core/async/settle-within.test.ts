import { afterEach, describe, expect, it, vi } from 'vitest';
import { settleWithin } from '../../../core/async/settle-within.js';

describe('settleWithin', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('settles with the work when it is in time, and clears its timer', async () => {
    vi.useFakeTimers();
    const answer = settleWithin(Promise.resolve('done'), 1_000, () => 'late');
    await expect(answer).resolves.toBe('done');
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes on the work's failure when it fails in time", async () => {
    await expect(
      settleWithin(Promise.reject(new Error('refused')), 1_000, () => 'late'),
    ).rejects.toThrow('refused');
  });

  it("settles with late()'s value, or fails with its rejection, once the time is up", async () => {
    vi.useFakeTimers();
    const never = new Promise<string>(() => undefined);
    const value = settleWithin(never, 1_000, () => 'late');
    const failure = settleWithin(never, 1_000, () => Promise.reject(new Error('too slow')));
    const failed = expect(failure).rejects.toThrow('too slow');
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(value).resolves.toBe('late');
    await failed;
    expect(vi.getTimerCount()).toBe(0);
  });
});
