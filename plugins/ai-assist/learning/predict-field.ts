import {
  predictByWeightedVote,
  type FieldPrediction,
  type Neighbour,
} from '../scoring/weighted-vote.js';
import type { TextClassifier } from './text-classifier.js';

/** What {@link predictField} combines for one field of one ticket. */
export interface FieldPredictionInput<TField extends string> {
  readonly field: TField;
  readonly text: string;
  /** The most similar labelled tickets: the vote when no classifier answers, the evidence when one does. */
  readonly neighbours: readonly Neighbour<TField>[];
  /** The field's trained classifier, when there was enough history to train one. */
  readonly classifier?: TextClassifier | undefined;
  /** Read only features shared across organisations (see `sharedFeatureMinimums`). */
  readonly sharedOnly?: boolean;
}

/**
 * One field's suggestion as the tools make it and the eval measures it: the learned classifier's
 * label with its calibrated confidence when a classifier was trained and knows a feature of the
 * text; otherwise the neighbours' similarity-weighted vote. Either way the evidence is the
 * neighbours that carry the predicted value, most similar first, so a person can check it.
 * Confidence is rounded to three decimals, as the vote's is, before any threshold sees it.
 *
 * @example
 * predictField({ field: 'team', text: 'VPN drops', neighbours, classifier })
 * // { value: 'network', confidence: 0.912, evidence: ['T-7', 'T-3'], voters: 10 }
 */
export function predictField<TField extends string>(
  input: FieldPredictionInput<TField>,
): FieldPrediction | undefined {
  const { field, neighbours } = input;
  const learned = input.classifier?.predict(input.text, { sharedOnly: input.sharedOnly === true });
  if (learned === undefined) return predictByWeightedVote(neighbours, [field])[field];
  const labelled = [...neighbours]
    .sort((a, b) => b.score - a.score)
    .filter(
      (neighbour) => neighbour.labels[field] !== undefined && neighbour.labels[field] !== null,
    );
  return {
    value: learned.value,
    confidence: Math.round(learned.confidence * 1000) / 1000,
    evidence: labelled.filter((n) => n.labels[field] === learned.value).map((n) => n.id),
    voters: labelled.length,
  };
}
