import { describe, expect, it } from 'vitest';
import { classificationScores } from '../../../../plugins/ai-assist/scoring/classification-metrics.js';
import {
  ndcgAt,
  recallAt,
  reciprocalRankAt,
  retrievalScores,
} from '../../../../plugins/ai-assist/scoring/ranking-metrics.js';

describe('classificationScores', () => {
  it('computes accuracy and macro-F1 by hand', () => {
    // a: tp 1, predicted 1, true 2 → P 1, R 0.5, F1 2/3
    // b: tp 1, predicted 2, true 1 → P 0.5, R 1, F1 2/3
    // c: tp 0 (its one example got no prediction) → F1 0; macro = (2/3 + 2/3 + 0) / 3 = 4/9
    const scores = classificationScores([
      { gold: 'a', predicted: 'a' },
      { gold: 'a', predicted: 'b' },
      { gold: 'b', predicted: 'b' },
      { gold: 'c', predicted: undefined },
    ]);
    expect(scores.count).toBe(4);
    expect(scores.accuracy).toBe(0.5);
    expect(scores.macroF1).toBeCloseTo(4 / 9, 10);
  });

  it('counts a class that is only ever predicted (F1 0) in the macro mean', () => {
    // a: P 1/2, R 1 → 2/3; z: never true → 0; macro = 1/3
    const scores = classificationScores([
      { gold: 'a', predicted: 'a' },
      { gold: 'a', predicted: 'z' },
    ]);
    expect(scores.accuracy).toBe(0.5);
    expect(scores.macroF1).toBeCloseTo(1 / 3, 10);
  });

  it('is 1 for perfect predictions and 0 for none', () => {
    expect(classificationScores([{ gold: 'x', predicted: 'x' }])).toEqual({
      count: 1,
      accuracy: 1,
      macroF1: 1,
    });
    expect(classificationScores([])).toEqual({ count: 0, accuracy: 0, macroF1: 0 });
  });
});

describe('ranking metrics', () => {
  const ranked = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];
  const judged = new Map([
    ['d2', 1],
    ['d4', 2],
    ['d9', 1],
    ['d1', 0],
  ]);

  it('recall@k counts relevant documents found over all relevant (relevance > 0)', () => {
    expect(recallAt(ranked, judged, 1)).toBe(0);
    expect(recallAt(ranked, judged, 2)).toBeCloseTo(1 / 3, 10);
    expect(recallAt(ranked, judged, 5)).toBeCloseTo(2 / 3, 10);
    expect(recallAt(ranked, judged, 10)).toBeCloseTo(2 / 3, 10);
  });

  it('MRR@k is 1 / the rank of the first relevant result within k', () => {
    expect(reciprocalRankAt(ranked, judged, 10)).toBe(0.5);
    expect(reciprocalRankAt(ranked, judged, 1)).toBe(0);
  });

  it('nDCG@10 with linear gains — computed by hand', () => {
    // DCG  = 1/log2(3) + 2/log2(5)            = 0.6309298 + 0.8613531 = 1.4922829
    // IDCG = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.6309298 + 0.5   = 3.1309298
    expect(ndcgAt(ranked, judged, 10)).toBeCloseTo(1.4922829 / 3.1309298, 6);
    expect(ndcgAt(['d4', 'd2', 'd9'], judged, 10)).toBeCloseTo(1, 10);
  });

  it('averages over queries with a relevant document only', () => {
    const scores = retrievalScores([
      { ranked: ['a', 'b'], judged: new Map([['a', 1]]) },
      { ranked: ['a', 'b'], judged: new Map([['b', 1]]) },
      { ranked: ['a', 'b'], judged: new Map([['a', 0]]) },
    ]);
    expect(scores.queries).toBe(2);
    expect(scores.recallAt1).toBe(0.5);
    expect(scores.recallAt5).toBe(1);
    expect(scores.mrrAt10).toBe(0.75);
    // (1 + 1/log2(3)) / 2
    expect(scores.ndcgAt10).toBeCloseTo((1 + 1 / Math.log2(3)) / 2, 10);
  });
});
