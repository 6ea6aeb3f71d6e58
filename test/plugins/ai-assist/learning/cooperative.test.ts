import { describe, expect, it } from 'vitest';
import {
  runCooperatively,
  runToEnd,
  type ChunkedWork,
} from '../../../../plugins/ai-assist/learning/cooperative.js';

function* counting(chunks: number, done: number[]): ChunkedWork<string> {
  for (let i = 0; i < chunks; i += 1) {
    done.push(i);
    yield;
  }
  return 'finished';
}

describe('chunked work', () => {
  it('runs to its end at once', () => {
    const done: number[] = [];
    expect(runToEnd(counting(3, done))).toBe('finished');
    expect(done).toEqual([0, 1, 2]);
  });

  it('lets other work run between chunks', async () => {
    const done: number[] = [];
    let chunksWhenOtherRan = -1;
    setImmediate(() => (chunksWhenOtherRan = done.length));
    const result = await runCooperatively(counting(50, done));
    expect(result).toBe('finished');
    expect(done).toHaveLength(50);
    // The other callback got its turn while the work was still under way.
    expect(chunksWhenOtherRan).toBeGreaterThan(0);
    expect(chunksWhenOtherRan).toBeLessThan(50);
  });

  it('stops between chunks once cancelled, without finishing', async () => {
    const done: number[] = [];
    let stop = false;
    const running = runCooperatively(counting(1000, done), () => stop);
    await new Promise((resolve) => setImmediate(resolve));
    stop = true;
    expect(await running).toBeUndefined();
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(1000);
  });
});
