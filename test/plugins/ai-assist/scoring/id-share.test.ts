import { describe, expect, it } from 'vitest';
import { idShare } from '../../../../plugins/ai-assist/scoring/id-share.js';

describe('idShare', () => {
  it('gives each id a fixed place, spreading ids that differ in one character', () => {
    expect(idShare('q1')).toBeCloseTo(0.3585046, 6);
    expect(idShare('q2')).toBeCloseTo(0.1975772, 6);
    expect(idShare('q3')).toBeCloseTo(0.6157044, 6);
    expect(idShare('q1')).toBe(idShare('q1'));
  });

  it('divides numbered ids close to the share asked for', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `q${i}`);
    const below = (share: number) => ids.filter((id) => idShare(id) < share).length / ids.length;
    expect(below(0.5)).toBeCloseTo(0.5, 2);
    expect(below(0.2)).toBeCloseTo(0.2, 2);
    expect(Math.min(...ids.map(idShare))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ids.map(idShare))).toBeLessThan(1);
  });
});
