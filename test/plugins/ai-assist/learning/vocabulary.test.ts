import { describe, expect, it } from 'vitest';
import { packSparseRows } from '../../../../plugins/ai-assist/learning/sparse-rows.js';
import { trainSoftmaxRegression } from '../../../../plugins/ai-assist/learning/softmax-regression.js';
import { textFeatureKeys } from '../../../../plugins/ai-assist/learning/text-features.js';
import { buildVocabulary, vectorise } from '../../../../plugins/ai-assist/learning/vocabulary.js';

describe('textFeatureKeys', () => {
  it('gives stemmed words, word pairs and padded character 3–5-grams inside words', () => {
    const keys = textFeatureKeys('The VPN drops');
    expect(keys.words).toEqual(['w:vpn', 'b:vpn drop', 'w:drop']);
    // " vpn " (5 characters): three 3-grams, two 4-grams, the whole as the 5-gram.
    expect(keys.chars.slice(0, 6)).toEqual([
      'c: vp',
      'c:vpn',
      'c:pn ',
      'c: vpn',
      'c:vpn ',
      'c: vpn ',
    ]);
    // A word shorter than an n-gram gives its padded self once, as char_wb does.
    expect(textFeatureKeys('ab').chars).toEqual(['c: ab', 'c:ab ', 'c: ab ']);
  });
});

describe('buildVocabulary and vectorise', () => {
  const documents = [{ text: 'vpn vpn drops' }, { text: 'vpn slow' }, { text: 'printer jam' }];

  it('keeps features in two documents or more, most frequent first, up to maxFeatures', () => {
    const vocabulary = buildVocabulary(documents);
    expect(vocabulary.index.has('w:vpn')).toBe(true);
    expect(vocabulary.index.has('w:printer')).toBe(false);
    // "vpn": df 2 of 3 → ln(4/3) + 1.
    expect(vocabulary.idf[vocabulary.index.get('w:vpn') ?? -1]).toBeCloseTo(Math.log(4 / 3) + 1, 6);
    expect(buildVocabulary(documents, { maxFeatures: 3 }).size).toBe(3);
  });

  it('makes unit vectors with sublinear tf, word and character blocks weighted alike', () => {
    const vocabulary = buildVocabulary(documents);
    const vector = vectorise(vocabulary, 'vpn vpn');
    expect(vector).toBeDefined();
    const values = [...(vector?.values ?? [])];
    expect(values.reduce((sum, v) => sum + v * v, 0)).toBeCloseTo(1, 5);
    // The only known word feature is "vpn": its block is one value, scaled to 1/√2.
    expect(vector?.values[0]).toBeCloseTo(Math.SQRT1_2, 5);
    expect(vectorise(vocabulary, 'printer')).toBeUndefined();
  });
});

describe('trainSoftmaxRegression', () => {
  it('gives the same weights bit for bit for the same input and seed, other weights for another seed', () => {
    const vocabulary = buildVocabulary([
      { text: 'vpn drops' },
      { text: 'vpn slow' },
      { text: 'printer jam' },
      { text: 'printer toner' },
    ]);
    const rows = () =>
      packSparseRows(
        ['vpn drops', 'vpn slow', 'printer jam', 'printer toner'].map((t) =>
          vectorise(vocabulary, t),
        ),
      );
    const labels = Int32Array.of(0, 0, 1, 1);
    const shape = { features: vocabulary.size, classes: 2 };
    const a = trainSoftmaxRegression(rows(), labels, shape);
    const b = trainSoftmaxRegression(rows(), labels, shape);
    expect(a.weights).toEqual(b.weights);
    expect(a.bias).toEqual(b.bias);
    expect(trainSoftmaxRegression(rows(), labels, { ...shape, seed: 2 }).weights).not.toEqual(
      a.weights,
    );
  });
});
