import { predictField, type SourcedPrediction } from '../learning/predict-field.js';
import type { SuggestionField } from '../scoring/suggestion-fields.js';
import type { FieldPrediction, Neighbour } from '../scoring/weighted-vote.js';
import type { TrainedFieldModels } from './field-models.js';

/**
 * Each field's prediction through {@link predictField} (the code the eval measures): the learned
 * classifier's when one is trained for the field and knows a word of the text, else the similar
 * tickets' vote where `voteStands`. A learned prediction's `evidence` is the similar tickets
 * that carry the predicted value — the explanation ("tickets like #123 went to network"), not the
 * cause. `sharedOnly` restricts the classifiers to words several organisations' tickets hold,
 * for callers who may not learn another organisation's words.
 *
 * @example
 * const predictions = fieldPredictions({ models, fields: ['team'], text, neighbours, sharedOnly: false });
 * predictions.team // { value: 'network', confidence: 0.93, method: 'learned', evidence: ['12'], voters: 10 }
 */
export function fieldPredictions(input: {
  readonly models: TrainedFieldModels | undefined;
  readonly fields: readonly SuggestionField[];
  readonly text: string;
  readonly neighbours: readonly Neighbour<SuggestionField>[];
  readonly sharedOnly: boolean;
  readonly voteStands?: (vote: FieldPrediction) => boolean;
}): Partial<Record<SuggestionField, SourcedPrediction>> {
  const result: Partial<Record<SuggestionField, SourcedPrediction>> = {};
  for (const field of input.fields) {
    const prediction = predictField({
      field,
      text: input.text,
      neighbours: input.neighbours,
      classifier: input.models?.classifiers[field],
      sharedOnly: input.sharedOnly,
      ...(input.voteStands !== undefined && { voteStands: input.voteStands }),
    });
    if (prediction !== undefined) result[field] = prediction;
  }
  return result;
}
