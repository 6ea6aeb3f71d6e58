import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../plugins/ai-assist/learning/seeded-random.js';
import {
  minimumTrainingExamples,
  trainTextClassifier,
  type TrainingExample,
} from '../../../../plugins/ai-assist/learning/text-classifier.js';

const topics: Record<string, string[]> = {
  network: ['vpn', 'router', 'wifi', 'firewall', 'latency'],
  printing: ['printer', 'toner', 'paper', 'scanner', 'tray'],
  accounts: ['password', 'login', 'locked', 'mfa', 'reset'],
};
const filler = ['please', 'help', 'today', 'urgent', 'office', 'since', 'monday', 'again', 'user'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Texts of two topic words among filler: every class is told apart by its own words. */
function separable(count: number, seed: number, prefix: string): TrainingExample[] {
  const random = seededRandom(seed);
  const labels = Object.keys(topics);
  return Array.from({ length: count }, (_, i) => {
    const label = labels[i % labels.length] as string;
    const own = topics[label] as string[];
    const text = [
      pick(random, filler),
      pick(random, own),
      pick(random, filler),
      pick(random, own),
    ].join(' ');
    return { id: `${prefix}${i}`, text, label };
  });
}

describe('trainTextClassifier', () => {
  it('learns a separable set: every held-out text right', () => {
    const classifier = trainTextClassifier(separable(150, 1, 'train-'));
    expect(classifier?.labels).toEqual(['accounts', 'network', 'printing']);
    expect(classifier?.trainedOn).toBe(150);
    const test = separable(60, 2, 'test-');
    const right = test.filter(
      (example) => classifier?.predict(example.text)?.value === example.label,
    );
    expect(right.length).toBe(60);
    const prediction = classifier?.predict('vpn router down');
    expect(prediction?.value).toBe('network');
    expect(prediction?.ranked.map((r) => r.label)[0]).toBe('network');
    expect(prediction?.ranked.reduce((sum, r) => sum + r.probability, 0)).toBeCloseTo(1, 6);
  });

  it('declines too little to learn from, so callers fall back to the vote', () => {
    const examples = separable(minimumTrainingExamples, 1, 'x');
    expect(trainTextClassifier(examples.slice(1))).toBeUndefined();
    expect(trainTextClassifier(examples)).toBeDefined();
    expect(trainTextClassifier(examples.map((e) => ({ ...e, label: 'one' })))).toBeUndefined();
  });

  it('predicts nothing for a text with no known feature', () => {
    expect(trainTextClassifier(separable(90, 1, 'x'))?.predict('qqqq zzzz')).toBeUndefined();
  });

  it('gives the same model for the same input', () => {
    const a = trainTextClassifier(separable(120, 3, 'x'));
    const b = trainTextClassifier(separable(120, 3, 'x'));
    for (const { text } of separable(30, 4, 'y'))
      expect(a?.predict(text)).toEqual(b?.predict(text));
    expect(a?.temperature).toBe(b?.temperature);
  });

  it('reports its memory from features and labels', () => {
    const classifier = trainTextClassifier(separable(150, 1, 'x'));
    const features = classifier?.features ?? 0;
    expect(features).toBeGreaterThan(20);
    // At least the weights (features × 3 labels × 4 bytes) and the idf and shared flags.
    expect(classifier?.memoryBytes).toBeGreaterThan(features * 3 * 4 + features * 5);
  });
});

/**
 * A noisy set with known accuracy per kind of text: a "clear" text has two words of its topic
 * and keeps the topic's label 95 % of the time; a "vague" one has one word of its topic and one
 * of another, so either of the two labels is as likely.
 */
function noisy(count: number, seed: number, prefix: string): TrainingExample[] {
  const random = seededRandom(seed);
  const labels = Object.keys(topics);
  return Array.from({ length: count }, (_, i) => {
    const topic = labels[i % labels.length] as string;
    const others = labels.filter((label) => label !== topic);
    const clear = random() < 0.5;
    const label = !clear || random() < 0.95 ? topic : pick(random, others);
    const own = topics[topic] as string[];
    const second = clear ? own : (topics[pick(random, others)] as string[]);
    const text = [pick(random, own), pick(random, filler), pick(random, second)].join(' ');
    return { id: `${prefix}${i}`, text, label };
  });
}

describe('calibration', () => {
  it('makes the confidence match the observed accuracy (expected calibration error < 0.06)', () => {
    const classifier = trainTextClassifier(noisy(3000, 5, 'train-'));
    const test = noisy(3000, 6, 'test-');
    const bins = Array.from({ length: 10 }, () => ({ count: 0, confidence: 0, correct: 0 }));
    for (const example of test) {
      const prediction = classifier?.predict(example.text);
      if (prediction === undefined) continue;
      const bin = bins[Math.min(9, Math.floor(prediction.confidence * 10))];
      if (bin === undefined) continue;
      bin.count += 1;
      bin.confidence += prediction.confidence;
      bin.correct += prediction.value === example.label ? 1 : 0;
    }
    const ece =
      bins.reduce((sum, bin) => sum + Math.abs(bin.confidence - bin.correct), 0) / test.length;
    expect(ece).toBeLessThan(0.06);
    // Clear texts are right about 95 % of the time, vague ones about half: confidence follows.
    expect(classifier?.predict('vpn wifi')?.confidence).toBeGreaterThan(0.85);
    expect(classifier?.predict('vpn printer')?.confidence).toBeLessThan(0.7);
  });
});
