import { describe, expect, it } from 'vitest';
import { createTfidfKnn, majorityLabel } from '../../../../plugins/ai-assist/learning/tfidf-knn.js';

// n = 5; idf(vpn) = idf(printer) = ln(6/3) + 1 = 1.6931; idf of a word in one text = ln(6/2) + 1 = 2.0986.
const train = [
  { text: 'VPN drops', label: 'network' },
  { text: 'vpn slow', label: 'network' },
  { text: 'printer jam', label: 'printing' },
  { text: 'Printer toner', label: 'printing' },
  { text: 'password reset', label: 'accounts' },
];
const knn = createTfidfKnn(train);

describe('createTfidfKnn', () => {
  it('scores cosine similarity of sklearn-default TF-IDF vectors, ties in training order', () => {
    // Each VPN text: 1.6931 / sqrt(1.6931² + 2.0986²) = 0.6279 on "vpn"; the query is "vpn" alone.
    const neighbours = knn.neighbours('my VPN', 2);
    expect(neighbours.map((n) => n.index)).toEqual([0, 1]);
    expect(neighbours[0]?.similarity).toBeCloseTo(0.6279, 4);
    expect(neighbours[1]?.similarity).toBe(neighbours[0]?.similarity);
  });

  it('takes the majority of k, a tie going to the label of the nearer neighbour', () => {
    // "vpn printer": texts 0–3 all at 0.7071 × 0.6279 = 0.444; text 4 at 0.
    expect(knn.neighbours('vpn printer', 4).map((n) => n.index)).toEqual([0, 1, 2, 3]);
    expect(knn.predict('vpn printer', 3)).toBe('network');
    expect(knn.predict('printer vpn', 4)).toBe('network');
    expect(knn.predict('toner jam printer', 3)).toBe('printing');
    expect(knn.predict('password', 1)).toBe('accounts');
  });

  it('fills in with the earliest texts at similarity 0 when too few share a word', () => {
    // One-letter words are not tokens, as in scikit-learn's default token pattern.
    expect(knn.neighbours('a reset', 3)).toEqual([
      { index: 4, similarity: expect.closeTo(0.7071, 4) as number },
      { index: 0, similarity: 0 },
      { index: 1, similarity: 0 },
    ]);
    expect(knn.predict('nothing known', 10)).toBe('network');
  });
});

describe('majorityLabel', () => {
  it('breaks ties by first appearance', () => {
    expect(majorityLabel(['b', 'a', 'a', 'b'])).toBe('b');
    expect(majorityLabel(['b', 'a', 'a'])).toBe('a');
    expect(majorityLabel([])).toBeUndefined();
  });
});
