import { idShare } from '../scoring/id-share.js';
import {
  softmax,
  softmaxLogits,
  softmaxTraining,
  type SoftmaxModel,
  type SoftmaxShape,
  type SoftmaxTrainingOptions,
} from './softmax-regression.js';
import { runToEnd, type ChunkedWork } from './cooperative.js';
import { createRowPacker, type SparseRows } from './sparse-rows.js';
import { fitTemperature, type CalibrationExample } from './temperature.js';
import {
  createFeatureCounter,
  vectorise,
  type SparseVector,
  type Vocabulary,
  type VocabularyDocument,
  type VocabularyOptions,
} from './vocabulary.js';

/**
 * Fewer labelled examples than this and {@link trainTextClassifier} declines: below it a model
 * has only a handful per class, and the neighbours' vote (which needs no training) does as well.
 *
 * @example
 * if (history.length < minimumTrainingExamples) useTheVote();
 */
export const minimumTrainingExamples = 40;

/** The calibration slice needs at least this many examples, else the temperature stays 1. */
const minimumCalibrationExamples = 10;

/** One labelled training text. */
export interface TrainingExample {
  /** Stable id: it decides, by hash, whether the example is in the calibration slice. */
  readonly id: string;
  readonly text: string;
  readonly label: string;
  /** Whose ticket it is (see {@link sharedFeatureMinimums}); none counts as its own. */
  readonly organisation?: string | number | null;
}

/** Options of {@link trainTextClassifier}; the defaults are the same for every data set. */
export interface TextClassifierOptions extends VocabularyOptions, SoftmaxTrainingOptions {
  /** Share of examples (by hash of id) held out to fit the temperature (0.15). */
  readonly calibrationShare?: number;
}

/** A label's calibrated probability. */
export interface RankedLabel {
  readonly label: string;
  readonly probability: number;
}

/** What {@link TextClassifier.predict} returns. */
export interface ClassifierPrediction {
  readonly value: string;
  /** The calibrated probability of `value`. */
  readonly confidence: number;
  /** Every label, most probable first (ties by label order). */
  readonly ranked: readonly RankedLabel[];
}

/** A trained, calibrated text classifier. */
export interface TextClassifier {
  /** The labels it can predict, sorted. */
  readonly labels: readonly string[];
  /** How many examples the final model was trained on. */
  readonly trainedOn: number;
  /** The fitted temperature the logits are divided by. */
  readonly temperature: number;
  /** How many features it reads. */
  readonly features: number;
  /**
   * Estimated bytes held: weights (features × labels × 4), idf and shared flags (5 per feature),
   * and the vocabulary's keys (2 per character plus about 48 per entry of the map).
   */
  readonly memoryBytes: number;
  /**
   * The most probable label of a text, or undefined when no feature of the text is known. With
   * `sharedOnly`, features not shared across organisations are treated as unknown.
   */
  predict(
    text: string,
    options?: { readonly sharedOnly?: boolean },
  ): ClassifierPrediction | undefined;
}

/** Texts featurised once: the vocabulary over all of them, and one row per text. */
export interface FeaturisedTexts {
  readonly vocabulary: Vocabulary;
  readonly rows: SparseRows;
}

/** One labelled text among {@link FeaturisedTexts}: its row, id (for the calibration slice), label. */
export interface LabelledRow {
  readonly row: number;
  readonly id: string;
  readonly label: string;
}

/** Texts per chunk while featurising: a few milliseconds of work. */
const chunkTexts = 256;

/**
 * Builds the vocabulary of `documents` and their TF-IDF rows, once for every field and fit that
 * learns from them, as chunked work.
 *
 * @example
 * const texts = runToEnd(featurising(history, {}));
 */
export function* featurising(
  documents: readonly VocabularyDocument[],
  options: VocabularyOptions,
): ChunkedWork<FeaturisedTexts> {
  const counter = createFeatureCounter(options);
  for (const [index, document] of documents.entries()) {
    if (index % chunkTexts === chunkTexts - 1) yield;
    counter.add(document);
  }
  const vocabulary = counter.finish();
  const packer = createRowPacker();
  for (const [index, document] of documents.entries()) {
    if (index % chunkTexts === chunkTexts - 1) yield;
    packer.push(vectorise(vocabulary, document.text));
  }
  return { vocabulary, rows: packer.finish() };
}

/** Row `row` of `rows` as a vector, without copying. */
function rowVector(rows: SparseRows, row: number): SparseVector {
  const from = rows.offsets[row] ?? 0;
  const to = rows.offsets[row + 1] ?? 0;
  return { indices: rows.indices.subarray(from, to), values: rows.values.subarray(from, to) };
}

function* calibrating(
  texts: FeaturisedTexts & { readonly gold: Int32Array },
  examples: readonly LabelledRow[],
  shape: SoftmaxShape & TextClassifierOptions,
): ChunkedWork<number> {
  const { gold } = texts;
  const share = shape.calibrationShare ?? 0.15;
  // Salted, so a split made by the plain hash of the id (as the eval's) cannot empty the slice.
  const inSlice = (example: LabelledRow) => idShare(`calibration:${example.id}`) < share;
  const held = examples.filter(inSlice);
  const kept = examples.filter((example) => !inSlice(example));
  if (held.length < minimumCalibrationExamples || new Set(kept.map((e) => e.label)).size < 2)
    return 1;
  const model = yield* softmaxTraining(texts.rows, gold, {
    ...shape,
    rows: Int32Array.from(kept, (example) => example.row),
  });
  const calibration: CalibrationExample[] = [];
  for (const example of held) {
    const vector = rowVector(texts.rows, example.row);
    if (vector.indices.length === 0) continue;
    calibration.push({ logits: softmaxLogits(model, vector), gold: gold[example.row] ?? 0 });
  }
  return fitTemperature(calibration);
}

/**
 * Trains one calibrated classifier on some of `texts` (see {@link trainTextClassifier}), as
 * chunked work; several fields of the same texts share one featurising.
 *
 * @example
 * const team = runToEnd(classifierTraining(texts, rowsWithTeam, {}));
 */
export function* classifierTraining(
  texts: FeaturisedTexts,
  examples: readonly LabelledRow[],
  options: TextClassifierOptions,
): ChunkedWork<TextClassifier | undefined> {
  const labels = [...new Set(examples.map((example) => example.label))].sort();
  const { vocabulary } = texts;
  if (examples.length < minimumTrainingExamples || labels.length < 2 || vocabulary.size === 0)
    return undefined;
  const classOf = new Map(labels.map((label, index) => [label, index]));
  const gold = new Int32Array(texts.rows.count);
  for (const example of examples) gold[example.row] = classOf.get(example.label) ?? 0;
  const shape = { ...options, features: vocabulary.size, classes: labels.length };
  const temperature = yield* calibrating({ ...texts, gold }, examples, shape);
  const model = yield* softmaxTraining(texts.rows, gold, {
    ...shape,
    rows: Int32Array.from(examples, (example) => example.row),
  });
  return trainedClassifier({ vocabulary, model, temperature, labels, trainedOn: examples.length });
}

function trainedClassifier(parts: {
  readonly vocabulary: Vocabulary;
  readonly model: SoftmaxModel;
  readonly temperature: number;
  readonly labels: readonly string[];
  readonly trainedOn: number;
}): TextClassifier {
  const { vocabulary, model, temperature, labels } = parts;
  let keyBytes = 0;
  for (const key of vocabulary.index.keys()) keyBytes += 2 * key.length + 48;
  keyBytes += 24 * vocabulary.chars.size;
  return Object.freeze({
    labels: Object.freeze([...labels]),
    trainedOn: parts.trainedOn,
    temperature,
    features: vocabulary.size,
    memoryBytes: model.weights.byteLength + model.bias.byteLength + 5 * vocabulary.size + keyBytes,
    predict(text: string, predictOptions: { readonly sharedOnly?: boolean } = {}) {
      const vector = vectorise(vocabulary, text, predictOptions);
      if (vector === undefined) return undefined;
      const probabilities = softmax(softmaxLogits(model, vector), temperature);
      const ranked = labels
        .map((label, index) => ({ label, probability: probabilities[index] ?? 0 }))
        .sort((a, b) => b.probability - a.probability);
      const top = ranked[0] as RankedLabel;
      return { value: top.label, confidence: top.probability, ranked };
    },
  });
}

/**
 * Trains a calibrated classifier of texts: TF-IDF features (see {@link vectorise}) into a
 * multinomial logistic regression (see {@link trainSoftmaxRegression}). Calibration first
 * trains on the examples whose id hashes outside a fixed slice, fits a temperature on that
 * slice, then trains the final model on every example and keeps the temperature, so the
 * confidence is the calibrated probability of the top label. Undefined when there is too little
 * to learn from: fewer than {@link minimumTrainingExamples} examples, fewer than two labels, or
 * no feature in two documents; callers then fall back to the neighbours' vote.
 *
 * Memory, with F features (at most `maxFeatures`), K labels, N examples of z non-zero features
 * on average: the model keeps F × K × 4 bytes of weights plus the vocabulary (5 bytes and its key
 * per feature). Training also holds, for a moment, every distinct candidate key with 13 bytes of
 * counts, the examples as compact rows (N × (z × 8 + 4) bytes, no object per example) and
 * AdaGrad's sums (another F × K × 4). On 38,000 tickets of ~300 characters: z ≈ 370, rows ≈ 110 MB.
 *
 * @example
 * const classifier = trainTextClassifier(history.map((t) => ({ id: t.id, text: t.text, label: t.team })));
 * classifier?.predict('VPN drops every hour') // { value: 'network', confidence: 0.91, ranked: […] }
 */
export function trainTextClassifier(
  examples: readonly TrainingExample[],
  options: TextClassifierOptions = {},
): TextClassifier | undefined {
  return runToEnd(
    (function* () {
      const texts = yield* featurising(examples, options);
      const rows = examples.map(({ id, label }, row) => ({ row, id, label }));
      return yield* classifierTraining(texts, rows, options);
    })(),
  );
}
