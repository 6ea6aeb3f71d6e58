import { idShare } from './seeded-random.js';
import {
  softmax,
  softmaxLogits,
  trainSoftmaxRegression,
  type SoftmaxModel,
  type SoftmaxTrainingOptions,
} from './softmax-regression.js';
import { packSparseRows } from './sparse-rows.js';
import { fitTemperature, type CalibrationExample } from './temperature.js';
import {
  buildVocabulary,
  vectorise,
  type Vocabulary,
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

interface Fitted {
  readonly vocabulary: Vocabulary;
  readonly model: SoftmaxModel;
}

function fit(
  examples: readonly TrainingExample[],
  classOf: ReadonlyMap<string, number>,
  options: TextClassifierOptions,
): Fitted {
  const vocabulary = buildVocabulary(examples, options);
  function* vectors() {
    for (const example of examples) yield vectorise(vocabulary, example.text);
  }
  const rows = packSparseRows(vectors());
  const labels = Int32Array.from(examples, (example) => classOf.get(example.label) ?? 0);
  const model = trainSoftmaxRegression(rows, labels, {
    ...options,
    features: vocabulary.size,
    classes: classOf.size,
  });
  return { vocabulary, model };
}

function temperatureFor(
  examples: readonly TrainingExample[],
  classOf: ReadonlyMap<string, number>,
  options: TextClassifierOptions,
): number {
  const share = options.calibrationShare ?? 0.15;
  const held = examples.filter((example) => idShare(example.id) < share);
  const kept = examples.filter((example) => idShare(example.id) >= share);
  if (held.length < minimumCalibrationExamples || new Set(kept.map((e) => e.label)).size < 2)
    return 1;
  const { vocabulary, model } = fit(kept, classOf, options);
  const calibration: CalibrationExample[] = [];
  for (const example of held) {
    const vector = vectorise(vocabulary, example.text);
    if (vector === undefined) continue;
    calibration.push({
      logits: softmaxLogits(model, vector),
      gold: classOf.get(example.label) ?? 0,
    });
  }
  return fitTemperature(calibration);
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
 * @example
 * const classifier = trainTextClassifier(history.map((t) => ({ id: t.id, text: t.text, label: t.team })));
 * classifier?.predict('VPN drops every hour') // { value: 'network', confidence: 0.91, ranked: […] }
 */
export function trainTextClassifier(
  examples: readonly TrainingExample[],
  options: TextClassifierOptions = {},
): TextClassifier | undefined {
  const labels = [...new Set(examples.map((example) => example.label))].sort();
  if (examples.length < minimumTrainingExamples || labels.length < 2) return undefined;
  const classOf = new Map(labels.map((label, index) => [label, index]));
  const temperature = temperatureFor(examples, classOf, options);
  const { vocabulary, model } = fit(examples, classOf, options);
  if (vocabulary.size === 0) return undefined;
  let keyBytes = 0;
  for (const key of vocabulary.index.keys()) keyBytes += 2 * key.length + 48;
  return Object.freeze({
    labels: Object.freeze(labels),
    trainedOn: examples.length,
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
