/** One similar, already labelled item: how similar it is and the labels it carries. */
export interface Neighbour<TField extends string> {
  readonly id: string;
  /** Similarity, higher is more similar; only relative sizes matter. */
  readonly score: number;
  /** Its label per field; a field left out (or null) casts no vote for that field. */
  readonly labels: Readonly<Partial<Record<TField, string | null>>>;
}

/** The vote for one field. */
export interface FieldPrediction {
  readonly value: string;
  /** The winning value's share of the weighted vote, in [0, 1], to three decimals. */
  readonly confidence: number;
  /** Ids of the neighbours that voted for the winning value, most similar first. */
  readonly evidence: readonly string[];
  /** How many neighbours voted on this field at all. */
  readonly voters: number;
}

/**
 * Predicts each field from the neighbours by a similarity-weighted vote: every neighbour with a
 * label for the field adds its score to that value; the value with the most weight wins, and its
 * share of the total weight is the confidence. Ties go to the value of the more similar
 * neighbour. When every score is 0 (or none is positive) each neighbour counts once. A field no
 * neighbour labels is left out of the result. Confidence is rounded to three decimals before
 * anyone compares it with a threshold, so what is reported is what was decided on.
 *
 * @example
 * predictByWeightedVote(
 *   [{ id: '1', score: 3, labels: { team: 'network' } }, { id: '2', score: 1, labels: { team: 'desk' } }],
 *   ['team'],
 * ) // { team: { value: 'network', confidence: 0.75, evidence: ['1'], voters: 2 } }
 */
export function predictByWeightedVote<TField extends string>(
  neighbours: readonly Neighbour<TField>[],
  fields: readonly TField[],
): Partial<Record<TField, FieldPrediction>> {
  // Most similar first, so the first value to reach a weight is the tie-breaker.
  const ordered = [...neighbours].sort((a, b) => b.score - a.score);
  const weighted = ordered.some((n) => n.score > 0);
  const result: Partial<Record<TField, FieldPrediction>> = {};
  for (const field of fields) {
    const weights = new Map<string, { weight: number; evidence: string[] }>();
    let total = 0;
    let voters = 0;
    for (const neighbour of ordered) {
      const value = neighbour.labels[field];
      if (value === undefined || value === null) continue;
      const weight = weighted ? Math.max(neighbour.score, 0) : 1;
      const entry = weights.get(value) ?? { weight: 0, evidence: [] };
      entry.weight += weight;
      entry.evidence.push(neighbour.id);
      weights.set(value, entry);
      total += weight;
      voters += 1;
    }
    let best: [string, { weight: number; evidence: string[] }] | undefined;
    for (const candidate of weights) {
      if (best === undefined || candidate[1].weight > best[1].weight) best = candidate;
    }
    if (best === undefined) continue;
    result[field] = {
      value: best[0],
      // A field whose voters all weigh 0 (scores ≤ 0 among positive ones) has no share to give.
      confidence: total > 0 ? Math.round((best[1].weight / total) * 1000) / 1000 : 0,
      evidence: best[1].evidence,
      voters,
    };
  }
  return result;
}
