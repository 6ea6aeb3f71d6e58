import { describe, expect, it } from 'vitest';
import { WriteHealth, writeFailureMemoryMs } from '../../../core/storage/write-health.js';

describe('WriteHealth', () => {
  it('is ok until a write fails, and names the reason and since when', () => {
    let now = Date.parse('2026-12-05T10:00:00.000Z');
    const health = new WriteHealth({ now: () => now });
    health.succeeded();
    expect(health.state()).toEqual({ ok: true });
    health.failed('the database or its disk is full');
    now += 5000;
    health.failed('the database or its disk is full');
    expect(health.state()).toEqual({
      ok: false,
      detail: 'writes failing since 2026-12-05T10:00:00.000Z: the database or its disk is full',
    });
  });

  it('clears only once a write has succeeded and the last failure is old enough', () => {
    let now = 0;
    const health = new WriteHealth({ now: () => now });
    health.failed('the database disk is full');
    // A small write fitting where a large one did not proves little.
    health.succeeded();
    expect(health.state().ok).toBe(false);
    now += writeFailureMemoryMs;
    expect(health.state().ok).toBe(true);
    // Time alone does not clear it: something must have been written.
    health.failed('the database disk is full');
    now += 2 * writeFailureMemoryMs;
    expect(health.state().ok).toBe(false);
    health.succeeded();
    expect(health.state().ok).toBe(true);
  });
});
