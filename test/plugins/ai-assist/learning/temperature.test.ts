import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../plugins/ai-assist/learning/seeded-random.js';
import { softmax } from '../../../../plugins/ai-assist/learning/softmax-regression.js';
import {
  fitTemperature,
  type CalibrationExample,
} from '../../../../plugins/ai-assist/learning/temperature.js';

/** Logits whose true classes are drawn from softmax(logits / trueTemperature). */
function examples(trueTemperature: number, count: number): CalibrationExample[] {
  const random = seededRandom(11);
  return Array.from({ length: count }, () => {
    const logits = Float64Array.from({ length: 3 }, () => (random() - 0.5) * 12);
    const probabilities = softmax(logits, trueTemperature);
    let draw = random();
    let gold = 0;
    while (gold < 2 && draw >= (probabilities[gold] ?? 0)) draw -= probabilities[gold++] ?? 0;
    return { logits, gold };
  });
}

describe('fitTemperature', () => {
  it.each([0.5, 1, 2.5])('recovers the temperature %s that generated the labels', (temperature) => {
    expect(Math.abs(fitTemperature(examples(temperature, 6000)) - temperature)).toBeLessThan(
      temperature * 0.12,
    );
  });

  it('is 1 without examples', () => {
    expect(fitTemperature([])).toBe(1);
  });
});
