import { describe, expect, it } from 'vitest';
import { topRanked } from '../../../../plugins/ai-assist/scoring/top-ranked.js';

describe('topRanked', () => {
  it('returns the best indices first, ties in index order, at most the limit', () => {
    const scores = new Float64Array([0.5, 2, 0, 2, 1]);
    expect(topRanked(scores, [4, 3, 1, 0], 3)).toEqual([1, 3, 4]);
    expect(topRanked(scores, [4, 3, 1, 0], 10)).toEqual([1, 3, 4, 0]);
    expect(topRanked(scores, [4, 3, 1, 0], 0)).toEqual([]);
    expect(topRanked(scores, [], 5)).toEqual([]);
  });

  it('agrees with a full sort on many scores with repeats', () => {
    // A fixed linear congruential sequence: many documents, few distinct scores, so ties abound.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const scores = Float64Array.from({ length: 5000 }, () => (next() % 40) + 1);
    const touched = Array.from({ length: 5000 }, (_, i) => i).filter(() => next() % 3 !== 0);
    const sorted = [...touched].sort((a, b) => scores[b]! - scores[a]! || a - b);
    for (const limit of [1, 10, 100, touched.length]) {
      expect(topRanked(scores, touched, limit)).toEqual(sorted.slice(0, limit));
    }
  });
});
