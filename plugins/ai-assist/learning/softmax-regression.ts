import { runToEnd, type ChunkedWork } from './cooperative.js';
import { seededRandom } from './seeded-random.js';
import type { SparseRows } from './sparse-rows.js';
import type { SparseVector } from './vocabulary.js';

/** How {@link trainSoftmaxRegression} optimises. */
export interface SoftmaxTrainingOptions {
  /** Passes over the examples, each in a fresh seeded order (5). */
  readonly epochs?: number;
  /** AdaGrad's base step (0.5); AdaGrad shrinks it per weight as gradients accumulate. */
  readonly learningRate?: number;
  /** L2 penalty per example on the weights an example touches (1e-4, SGDClassifier's alpha). */
  readonly l2?: number;
  /** Seed of the shuffles (1). */
  readonly seed?: number;
}

/** Examples per chunk of {@link softmaxTraining}: a few milliseconds of work. */
const chunkRows = 1024;

/**
 * A multinomial logistic regression: weight of feature `f` for class `c` at `f * classes + c`.
 * Memory: features × classes × 4 bytes, plus 4 per class.
 */
export interface SoftmaxModel {
  readonly features: number;
  readonly classes: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/**
 * The class scores (logits) of a vector: bias plus the weights of its features.
 *
 * @example
 * const scores = softmaxLogits(model, vector); // one per class
 */
export function softmaxLogits(model: SoftmaxModel, vector: SparseVector): Float64Array {
  return rowLogits(model, {
    indices: vector.indices,
    values: vector.values,
    from: 0,
    to: vector.indices.length,
  });
}

function rowLogits(
  model: SoftmaxModel,
  row: { indices: Int32Array; values: Float32Array; from: number; to: number },
): Float64Array {
  const { classes, weights } = model;
  const scores = Float64Array.from(model.bias);
  for (let p = row.from; p < row.to; p += 1) {
    const base = (row.indices[p] ?? 0) * classes;
    const x = row.values[p] ?? 0;
    for (let c = 0; c < classes; c += 1)
      scores[c] = (scores[c] ?? 0) + x * (weights[base + c] ?? 0);
  }
  return scores;
}

/**
 * Probabilities of the classes from logits divided by a temperature (1 leaves them as they are),
 * computed stably (largest logit subtracted first).
 *
 * @example
 * softmax(Float64Array.of(2, 0), 1) // [0.881, 0.119]
 */
export function softmax(logits: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const z of logits) max = Math.max(max, z / temperature);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (const [c, z] of logits.entries()) {
    const e = Math.exp(z / temperature - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < out.length; c += 1) out[c] = (out[c] ?? 0) / sum;
  return out;
}

/**
 * Trains a multinomial logistic regression by stochastic gradient descent with AdaGrad steps on
 * the cross-entropy loss, L2-regularised lazily (each example shrinks only the weights it
 * touches, which keeps a step as sparse as the example). Each epoch visits the examples in an
 * order drawn from a seeded generator, so the same input gives the same weights bit for bit.
 * Memory while training: twice the model (weights and AdaGrad's squared-gradient sums).
 *
 * @example
 * const model = trainSoftmaxRegression(rows, labels, { features: vocabulary.size, classes: 3 });
 */
export function trainSoftmaxRegression(
  rows: SparseRows,
  labels: Int32Array,
  shape: SoftmaxShape,
): SoftmaxModel {
  return runToEnd(softmaxTraining(rows, labels, shape));
}

/** The size of a model to train, how, and on which rows. */
export type SoftmaxShape = {
  readonly features: number;
  readonly classes: number;
  /** The rows to learn from (all when left out); `labels` is read at these rows. */
  readonly rows?: Int32Array;
} & SoftmaxTrainingOptions;

/**
 * {@link trainSoftmaxRegression} as chunked work, yielding after every 1,024 examples.
 *
 * @example
 * const model = await runCooperatively(softmaxTraining(rows, labels, shape));
 */
export function* softmaxTraining(
  rows: SparseRows,
  labels: Int32Array,
  shape: SoftmaxShape,
): ChunkedWork<SoftmaxModel> {
  const { features, classes } = shape;
  const epochs = shape.epochs ?? 5;
  const rate = shape.learningRate ?? 0.5;
  const l2 = shape.l2 ?? 1e-4;
  const random = seededRandom(shape.seed ?? 1);
  const model: SoftmaxModel = {
    features,
    classes,
    weights: new Float32Array(features * classes),
    bias: new Float32Array(classes),
  };
  const { weights, bias } = model;
  const squared = new Float32Array(features * classes);
  const biasSquared = new Float32Array(classes);
  // A copy: the shuffles reorder it in place.
  const order = shape.rows?.slice() ?? Int32Array.from({ length: rows.count }, (_, i) => i);
  const error = new Float64Array(classes);
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const swap = order[i] ?? 0;
      order[i] = order[j] ?? 0;
      order[j] = swap;
    }
    for (let visited = 0; visited < order.length; visited += 1) {
      if (visited % chunkRows === chunkRows - 1) yield;
      const row = order[visited] ?? 0;
      const from = rows.offsets[row] ?? 0;
      const to = rows.offsets[row + 1] ?? 0;
      const probabilities = softmax(
        rowLogits(model, { indices: rows.indices, values: rows.values, from, to }),
        1,
      );
      const gold = labels[row] ?? 0;
      for (let c = 0; c < classes; c += 1) {
        error[c] = (probabilities[c] ?? 0) - (c === gold ? 1 : 0);
        const g = error[c] ?? 0;
        biasSquared[c] = (biasSquared[c] ?? 0) + g * g;
        bias[c] = (bias[c] ?? 0) - (rate * g) / (Math.sqrt(biasSquared[c] ?? 0) + 1e-8);
      }
      for (let p = from; p < to; p += 1) {
        const base = (rows.indices[p] ?? 0) * classes;
        const x = rows.values[p] ?? 0;
        for (let c = 0; c < classes; c += 1) {
          const at = base + c;
          const w = weights[at] ?? 0;
          const g = x * (error[c] ?? 0) + l2 * w;
          const sum = (squared[at] ?? 0) + g * g;
          squared[at] = sum;
          weights[at] = w - (rate * g) / (Math.sqrt(sum) + 1e-8);
        }
      }
    }
  }
  return model;
}
