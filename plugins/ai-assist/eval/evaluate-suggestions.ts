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
import { predictByWeightedVote } from '../scoring/weighted-vote.js';
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
 * Predicts category, priority and team for every test record from its most similar training
 * records, exactly as `apply_ai_suggestions` does for a ticket: the same query words, a BM25
 * ranking standing in for the desk's full-text search, the same weighted vote and threshold rule.
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
    const predictions = predictByWeightedVote(similar, suggestionFields);
    for (const field of suggestionFields) {
      const gold = record[field];
      if (gold === undefined) continue;
      const prediction = predictions[field];
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
        ...scores,
        coverage: scores.count === 0 ? 0 : tally.count / scores.count,
        accuracyAtThreshold: tally.count === 0 ? 0 : tally.correct / tally.count,
      };
    }),
  };
}
