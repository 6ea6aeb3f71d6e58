import {
  predictByWeightedVote,
  type FieldPrediction,
  type Neighbour,
} from '../scoring/weighted-vote.js';
import type { TextClassifier } from './text-classifier.js';

/** Where a field's prediction came from. */
export type PredictionMethod = 'learned' | 'similar_tickets';

/** A prediction and its source. */
export interface SourcedPrediction extends FieldPrediction {
  readonly method: PredictionMethod;
}

/** What {@link predictField} combines for one field of one ticket. */
export interface FieldPredictionInput<TField extends string> {
  readonly field: TField;
  readonly text: string;
  /** The most similar labelled tickets: the vote when no classifier answers, the evidence when one does. */
  readonly neighbours: readonly Neighbour<TField>[];
  /** The field's trained classifier, when there was enough history to train one. */
  readonly classifier?: TextClassifier | undefined;
  /**
   * Read only features shared across organisations (see `sharedFeatureMinimums`); a classifier
   * that finds none is then not replaced by the vote, which would find tickets by those words.
   */
  readonly sharedOnly?: boolean;
  /** Whether a vote may stand (e.g. enough organisations behind it); every vote when left out. */
  readonly voteStands?: (vote: FieldPrediction) => boolean;
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
): SourcedPrediction | undefined {
  const { field, neighbours } = input;
  const learned = input.classifier?.predict(input.text, { sharedOnly: input.sharedOnly === true });
  if (learned === undefined) {
    if (input.classifier !== undefined && input.sharedOnly === true) return undefined;
    const vote = predictByWeightedVote(neighbours, [field])[field];
    if (vote === undefined || !(input.voteStands?.(vote) ?? true)) return undefined;
    return { ...vote, method: 'similar_tickets' };
  }
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
    method: 'learned',
  };
}
