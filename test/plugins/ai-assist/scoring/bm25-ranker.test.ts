import { describe, expect, it } from 'vitest';
import { createBm25Ranker } from '../../../../plugins/ai-assist/scoring/bm25-ranker.js';

const corpus = [
  { id: 'd1', text: 'VPN drops' },
  { id: 'd2', text: 'printer jam' },
  { id: 'd3', text: 'vpn VPN slow' },
];

describe('createBm25Ranker', () => {
  it('scores by BM25 (k1 1.2, b 0.75, Lucene idf) — computed by hand', () => {
    // N 3, df(vpn) 2: idf = ln(1 + 1.5 / 2.5) = ln 1.6 = 0.4700036. Lengths 2, 2, 3; mean 7/3.
    // d1: tf 1, norm 0.25 + 0.75·2/(7/3) = 0.8928571 → 0.4700036 · 2.2 / 2.0714286 = 0.4991758
    // d3: tf 2, norm 0.25 + 0.75·3/(7/3) = 1.2142857 → 0.4700036 · 4.4 / 3.4571429 = 0.5981864
    const ranked = createBm25Ranker(corpus).rank(['vpn'], 10);
    expect(ranked.map((r) => r.id)).toEqual(['d3', 'd1']);
    expect(ranked[0]!.score).toBeCloseTo(0.5981864, 6);
    expect(ranked[1]!.score).toBeCloseTo(0.4991758, 6);
  });

  it('matches stems, counts a repeated query word once and leaves out documents with no match', () => {
    const ranker = createBm25Ranker(corpus);
    expect(ranker.rank(['dropping', 'drops'], 10).map((r) => r.id)).toEqual(['d1']);
    expect(ranker.rank(['keyboard'], 10)).toEqual([]);
  });

  it('sums the words, so more matched words rank higher, and honours the limit', () => {
    const ranker = createBm25Ranker(corpus);
    expect(ranker.rank(['vpn', 'drop'], 10).map((r) => r.id)).toEqual(['d1', 'd3']);
    expect(ranker.rank(['vpn', 'drop'], 1).map((r) => r.id)).toEqual(['d1']);
  });

  it('breaks ties by corpus order and handles an empty corpus', () => {
    const ranker = createBm25Ranker([
      { id: 'b', text: 'mouse' },
      { id: 'a', text: 'mouse' },
    ]);
    expect(ranker.rank(['mouse'], 10).map((r) => r.id)).toEqual(['b', 'a']);
    expect(createBm25Ranker([]).rank(['mouse'], 10)).toEqual([]);
  });
});
