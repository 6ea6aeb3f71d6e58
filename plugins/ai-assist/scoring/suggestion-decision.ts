import type { FieldPrediction } from './weighted-vote.js';

/** Why a suggestion was or was not applied. */
export type SuggestionOutcome =
  'applied' | 'would_apply' | 'below_threshold' | 'already_set' | 'no_evidence';

/**
 * What to do with one field's prediction: apply it only when it is confident enough and changes
 * the ticket. `dryRun` turns "applied" into "would_apply". The tool and the eval's threshold
 * figures both decide through this one function.
 *
 * @example
 * decideSuggestion({ prediction: { value: 'network', confidence: 0.8, evidence: ['3'], voters: 4 }, current: 'service-desk', threshold: 0.6 })
 * // 'applied'
 */
export function decideSuggestion(decision: {
  readonly prediction: FieldPrediction | undefined;
  readonly current: string | undefined;
  readonly threshold: number;
  readonly dryRun?: boolean;
}): SuggestionOutcome {
  const { prediction, current, threshold } = decision;
  if (prediction === undefined) return 'no_evidence';
  if (prediction.confidence < threshold) return 'below_threshold';
  if (prediction.value === current) return 'already_set';
  return decision.dryRun === true ? 'would_apply' : 'applied';
}
