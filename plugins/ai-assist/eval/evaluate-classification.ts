import { trainTextClassifier, type TextClassifier } from '../learning/text-classifier.js';
import { createTfidfKnn, majorityLabel } from '../learning/tfidf-knn.js';
import { createBm25Ranker } from '../scoring/bm25-ranker.js';
import {
  classificationScores,
  type LabelledPrediction,
} from '../scoring/classification-metrics.js';
import { decideSuggestion } from '../scoring/suggestion-decision.js';
import { queryWords } from '../scoring/tokenise.js';
import type { FieldPrediction } from '../scoring/weighted-vote.js';
import { predictField } from '../learning/predict-field.js';

/** One labelled text of a classification set. */
export interface ClassificationRecord {
  readonly id: string;
  readonly text: string;
  readonly label: string;
}

/** The methods compared, in the order they are reported. */
export const classificationMethods = [
  'majority',
  'tfidf-knn-5',
  'tfidf-knn-10',
  'bm25-vote',
  'learned',
] as const;

/** One of {@link classificationMethods}. */
export type ClassificationMethod = (typeof classificationMethods)[number];

/** How one method fared on the test records. */
export interface MethodEvaluation {
  readonly method: ClassificationMethod;
  readonly accuracy: number;
  readonly macroF1: number;
  /** For methods with a confidence: share of test records applied at the threshold, and their accuracy. */
  readonly atThreshold?: { readonly applied: number; readonly accuracy: number };
}

/** The result of {@link evaluateClassification}. */
export interface ClassificationEvaluation {
  readonly train: number;
  readonly test: number;
  /** Distinct labels in the training records. */
  readonly classes: number;
  readonly threshold: number;
  readonly neighbours: number;
  readonly methods: readonly MethodEvaluation[];
  /** The learned classifier, undefined when the training records were too few to train one. */
  readonly classifier: TextClassifier | undefined;
  /** Milliseconds spent training it (calibration included). */
  readonly trainingMs: number;
}

/** Accuracy, macro-F1 and threshold figures of predictions with an optional confidence. */
function score(
  method: ClassificationMethod,
  results: {
    readonly gold: readonly string[];
    readonly predictions: readonly (FieldPrediction | string | undefined)[];
  },
  threshold?: number,
): MethodEvaluation {
  const { gold, predictions } = results;
  const examples: LabelledPrediction[] = gold.map((label, i) => {
    const prediction = predictions[i];
    return {
      gold: label,
      predicted: typeof prediction === 'object' ? prediction.value : prediction,
    };
  });
  const { accuracy, macroF1 } = classificationScores(examples);
  if (threshold === undefined) return { method, accuracy, macroF1 };
  let applied = 0;
  let correct = 0;
  for (const [i, prediction] of predictions.entries()) {
    if (typeof prediction !== 'object') continue;
    if (decideSuggestion({ prediction, current: undefined, threshold }) !== 'applied') continue;
    applied += 1;
    if (prediction.value === gold[i]) correct += 1;
  }
  return {
    method,
    accuracy,
    macroF1,
    atThreshold: {
      applied: gold.length === 0 ? 0 : applied / gold.length,
      accuracy: applied === 0 ? 0 : correct / applied,
    },
  };
}

/**
 * Scores every method on the same split of one label: the majority class of the training
 * records; scikit-learn's default TF-IDF with cosine k-nearest neighbours (k = 5 and 10); the
 * BM25 weighted vote `apply_ai_suggestions` falls back to (same query words, ranker and vote);
 * and the learned, calibrated classifier as the tools run it (through {@link predictField}). The vote and the classifier also report what the
 * threshold would apply.
 *
 * @example
 * const result = evaluateClassification(train, test, { threshold: 0.6, neighbours: 10 });
 * result.methods.find((m) => m.method === 'learned')?.accuracy
 */
export function evaluateClassification(
  train: readonly ClassificationRecord[],
  test: readonly ClassificationRecord[],
  options: { readonly threshold: number; readonly neighbours: number },
): ClassificationEvaluation {
  const gold = test.map((record) => record.label);
  const counts = new Map<string, number>();
  for (const { label } of train) counts.set(label, (counts.get(label) ?? 0) + 1);
  // Most frequent label; ties to the label that sorts first, so the baseline is reproducible.
  const majority = majorityLabel(
    [...counts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .flatMap(([label, n]) => Array<string>(n).fill(label)),
  );
  const knn = createTfidfKnn(train);
  const nearest = test.map((record) => knn.neighbours(record.text, 10));
  const knnAt = (k: number) =>
    nearest.map((list) =>
      majorityLabel(list.slice(0, k).map(({ index }) => train[index]?.label ?? '')),
    );
  const ranker = createBm25Ranker(train);
  const byId = new Map(train.map((record) => [record.id, record.label]));
  const similar = test.map((record) =>
    ranker.rank(queryWords(record.text), options.neighbours).map(({ id, score: similarity }) => ({
      id,
      score: similarity,
      labels: { label: byId.get(id) },
    })),
  );
  const votes = test.map((record, i) =>
    predictField({ field: 'label', text: record.text, neighbours: similar[i] ?? [] }),
  );
  const started = performance.now();
  const classifier = trainTextClassifier(train);
  const trainingMs = performance.now() - started;
  // What the tool runs: the classifier, or the vote for a text it knows no feature of.
  const learned = test.map((record, i) =>
    predictField({ field: 'label', text: record.text, neighbours: similar[i] ?? [], classifier }),
  );
  return {
    train: train.length,
    test: test.length,
    classes: counts.size,
    threshold: options.threshold,
    neighbours: options.neighbours,
    methods: [
      score('majority', { gold, predictions: gold.map(() => majority) }),
      score('tfidf-knn-5', { gold, predictions: knnAt(5) }),
      score('tfidf-knn-10', { gold, predictions: knnAt(10) }),
      score('bm25-vote', { gold, predictions: votes }, options.threshold),
      score('learned', { gold, predictions: learned }, options.threshold),
    ],
    classifier,
    trainingMs,
  };
}
