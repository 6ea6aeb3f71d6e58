import type { SuggestionField } from '../scoring/suggestion-fields.js';
import type { FieldPrediction, Neighbour } from '../scoring/weighted-vote.js';
import type { TrainedFieldModels } from './field-models.js';

/** Where a field's prediction came from. */
export type PredictionMethod = 'learned' | 'similar_tickets';

/** A prediction and its source. */
export interface SourcedPrediction extends FieldPrediction {
  readonly method: PredictionMethod;
}

/**
 * Each field's prediction: the learned classifier's when one is trained for the field and knows
 * a word of the text, else the similar tickets' vote. A learned prediction's `evidence` is the
 * similar tickets that carry the predicted value — the explanation ("tickets like #123 went to
 * network"), not the cause. `sharedOnly` restricts the classifiers to words that several
 * organisations' tickets hold (see `predict` of the classifier), for callers who may not learn
 * another organisation's words; for them the vote is used only where no classifier is trained,
 * never in place of a classifier that found no shared word (the vote would find tickets by it).
 *
 * @example
 * const predictions = combinePredictions({ models, fields: ['team'], text, neighbours, vote, sharedOnly: false });
 * predictions.team // { value: 'network', confidence: 0.93, method: 'learned', evidence: ['12'], voters: 10 }
 */
export function combinePredictions(input: {
  readonly models: TrainedFieldModels | undefined;
  readonly fields: readonly SuggestionField[];
  readonly text: string;
  readonly neighbours: readonly Neighbour<SuggestionField>[];
  readonly vote: Partial<Record<SuggestionField, FieldPrediction>>;
  readonly sharedOnly: boolean;
}): Partial<Record<SuggestionField, SourcedPrediction>> {
  const result: Partial<Record<SuggestionField, SourcedPrediction>> = {};
  for (const field of input.fields) {
    const classifier = input.models?.classifiers[field];
    const learned = classifier?.predict(input.text, { sharedOnly: input.sharedOnly });
    if (learned !== undefined) {
      const voters = input.neighbours.filter((n) => n.labels[field] != null);
      result[field] = {
        value: learned.value,
        confidence: Math.round(learned.confidence * 1000) / 1000,
        evidence: voters.filter((n) => n.labels[field] === learned.value).map((n) => n.id),
        voters: voters.length,
        method: 'learned',
      };
      continue;
    }
    if (classifier !== undefined && input.sharedOnly) continue;
    const voted = input.vote[field];
    if (voted !== undefined) result[field] = { ...voted, method: 'similar_tickets' };
  }
  return result;
}
