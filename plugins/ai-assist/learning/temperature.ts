/** One held-out example: the model's logits and the index of its true class. */
export interface CalibrationExample {
  readonly logits: Float64Array;
  readonly gold: number;
}

/** Mean negative log-likelihood of the true classes when logits are divided by `temperature`. */
function meanLogLoss(examples: readonly CalibrationExample[], temperature: number): number {
  let total = 0;
  for (const { logits, gold } of examples) {
    let max = -Infinity;
    for (const z of logits) max = Math.max(max, z / temperature);
    let sum = 0;
    for (const z of logits) sum += Math.exp(z / temperature - max);
    total += Math.log(sum) + max - (logits[gold] ?? 0) / temperature;
  }
  return total / examples.length;
}

/** The range searched for a temperature: wide enough for any sensible model. */
export const temperatureRange = Object.freeze({ lowest: 0.05, highest: 20 });

/**
 * Temperature scaling (Guo et al., 2017): the one scalar T that minimises the log-loss of held-out
 * examples when every logit is divided by it. T > 1 softens an over-confident model, T < 1
 * sharpens a timid one; the ranking of classes never changes, so accuracy is untouched. Found by
 * golden-section search over ln T in {@link temperatureRange} (the loss is convex in 1/T). With
 * no examples, 1.
 *
 * @example
 * fitTemperature([{ logits: Float64Array.of(9, 0), gold: 1 }, { logits: Float64Array.of(9, 0), gold: 0 }]) // > 1
 */
export function fitTemperature(examples: readonly CalibrationExample[]): number {
  if (examples.length === 0) return 1;
  let low = Math.log(temperatureRange.lowest);
  let high = Math.log(temperatureRange.highest);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = meanLogLoss(examples, Math.exp(a));
  let lossB = meanLogLoss(examples, Math.exp(b));
  for (let step = 0; step < 60; step += 1) {
    if (lossA <= lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = meanLogLoss(examples, Math.exp(a));
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = meanLogLoss(examples, Math.exp(b));
    }
  }
  return Math.exp((low + high) / 2);
}
