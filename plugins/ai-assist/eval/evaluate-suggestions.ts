import { predictField } from '../learning/predict-field.js';
import { runToEnd } from '../learning/cooperative.js';
import { fieldClassifierTraining } from '../learning/field-classifiers.js';
import type { TextClassifier } from '../learning/text-classifier.js';
import { createBm25Ranker } from '../scoring/bm25-ranker.js';
import {
  classificationScores,
  type ClassificationScores,
  type LabelledPrediction,
} from '../scoring/classification-metrics.js';
import { decideSuggestion } from '../scoring/suggestion-decision.js';
import {
  defaultNeighbours,
  defaultThreshold,
  suggestionFields,
  type SuggestionField,
} from '../scoring/suggestion-fields.js';
import { queryWords } from '../scoring/tokenise.js';
import type { SuggestionRecord } from './eval-records.js';

/** Options of {@link evaluateSuggestions}. */
export interface SuggestionEvalOptions {
  /** How many most similar training records vote (the tool's default unless given). */
  readonly neighbours?: number;
  /** The confidence at which the tool would apply a prediction. */
  readonly threshold?: number;
}

/** How one field fared. */
export interface FieldEvaluation extends ClassificationScores {
  readonly field: SuggestionField;
  /** 'learned' when the field's classifier trained, else 'vote'. */
  readonly method: 'learned' | 'vote';
  /** Share of scored records whose prediction reaches the threshold (the tool would apply it). */
  readonly coverage: number;
  /** Accuracy among those; 0 when none reaches it. */
  readonly accuracyAtThreshold: number;
}

/** The result of {@link evaluateSuggestions}. */
export interface SuggestionEvaluation {
  readonly train: number;
  readonly test: number;
  readonly neighbours: number;
  readonly threshold: number;
  readonly fields: readonly FieldEvaluation[];
}

/**
 * The learned classifier of each field, trained on the records that carry it; a field with too
 * few of them has none, and its suggestions come from the vote.
 *
 * @example
 * const classifiers = fieldClassifiers(train); classifiers.team?.predict('VPN drops')
 */
export function fieldClassifiers(
  train: readonly SuggestionRecord[],
): Partial<Record<SuggestionField, TextClassifier>> {
  // The server's own training: one featurising of every text, a classifier per field.
  const texts = train.map(({ id, text, category, priority, team }) => ({
    id,
    text,
    labels: {
      ...(category !== undefined && { category }),
      ...(priority !== undefined && { priority }),
      ...(team !== undefined && { team }),
    },
  }));
  return runToEnd(fieldClassifierTraining(texts, suggestionFields));
}

/**
 * Predicts category, priority and team for every test record as the suggestions are meant to
 * run ({@link predictField}): each field's learned classifier when the training records were
 * enough to train one, else the weighted vote of its most similar training records (the same
 * query words, a BM25 ranking standing in for the desk's full-text search), and the same
 * threshold rule.
 * Each field is scored over the test records that carry it.
 *
 * @example
 * const result = evaluateSuggestions(train, test);
 * result.fields.find((f) => f.field === 'team')?.accuracy
 */
export function evaluateSuggestions(
  train: readonly SuggestionRecord[],
  test: readonly SuggestionRecord[],
  options: SuggestionEvalOptions = {},
): SuggestionEvaluation {
  const neighbours = options.neighbours ?? defaultNeighbours;
  const threshold = options.threshold ?? defaultThreshold;
  const ranker = createBm25Ranker(train);
  const byId = new Map(train.map((record) => [record.id, record]));
  const classifiers = fieldClassifiers(train);
  const examples = new Map<SuggestionField, LabelledPrediction[]>();
  const applied = new Map<SuggestionField, { count: number; correct: number }>();
  for (const field of suggestionFields) {
    examples.set(field, []);
    applied.set(field, { count: 0, correct: 0 });
  }
  for (const record of test) {
    const similar = ranker.rank(queryWords(record.text), neighbours).map(({ id, score }) => ({
      id,
      score,
      labels: byId.get(id) ?? {},
    }));
    for (const field of suggestionFields) {
      const gold = record[field];
      if (gold === undefined) continue;
      const prediction = predictField({
        field,
        text: record.text,
        neighbours: similar,
        classifier: classifiers[field],
      });
      examples.get(field)?.push({ gold, predicted: prediction?.value });
      const outcome = decideSuggestion({ prediction, current: undefined, threshold });
      const tally = applied.get(field);
      if (outcome === 'applied' && tally !== undefined) {
        tally.count += 1;
        if (prediction?.value === gold) tally.correct += 1;
      }
    }
  }
  return {
    train: train.length,
    test: test.length,
    neighbours,
    threshold,
    fields: suggestionFields.map((field) => {
      const scores = classificationScores(examples.get(field) ?? []);
      const tally = applied.get(field) ?? { count: 0, correct: 0 };
      return {
        field,
        method: classifiers[field] === undefined ? 'vote' : 'learned',
        ...scores,
        coverage: scores.count === 0 ? 0 : tally.count / scores.count,
        accuracyAtThreshold: tally.count === 0 ? 0 : tally.correct / tally.count,
      };
    }),
  };
}
