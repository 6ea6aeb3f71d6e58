/** One labelled example: the true label and the predicted one (undefined when none was made). */
export interface LabelledPrediction {
  readonly gold: string;
  readonly predicted: string | undefined;
}

/** Accuracy and macro-F1 of one field over the examples that carry a true label. */
export interface ClassificationScores {
  /** Examples scored. */
  readonly count: number;
  /** Share predicted exactly right; a missing prediction counts as wrong. 0 with no examples. */
  readonly accuracy: number;
  /**
   * The unweighted mean of per-class F1 over every class that is a true or a predicted label, so
   * rare classes count as much as common ones. 0 with no examples.
   */
  readonly macroF1: number;
}

/**
 * Accuracy and macro-F1 (as scikit-learn's `f1_score(average='macro')`: classes are the union of
 * true and predicted labels; a class with no predictions has precision 0).
 *
 * @example
 * classificationScores([{ gold: 'a', predicted: 'a' }, { gold: 'b', predicted: 'a' }])
 * // { count: 2, accuracy: 0.5, macroF1: 0.3333… }  (F1 a = 2/3, F1 b = 0)
 */
export function classificationScores(
  examples: readonly LabelledPrediction[],
): ClassificationScores {
  if (examples.length === 0) return { count: 0, accuracy: 0, macroF1: 0 };
  const classes = new Set<string>();
  const truePositives = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  let correct = 0;
  for (const { gold, predicted } of examples) {
    classes.add(gold);
    add(goldCount, gold);
    if (predicted === undefined) continue;
    classes.add(predicted);
    add(predictedCount, predicted);
    if (predicted === gold) {
      correct += 1;
      add(truePositives, gold);
    }
  }
  let f1Sum = 0;
  for (const label of classes) {
    const tp = truePositives.get(label) ?? 0;
    const precision = tp === 0 ? 0 : tp / (predictedCount.get(label) ?? 1);
    const recall = tp === 0 ? 0 : tp / (goldCount.get(label) ?? 1);
    f1Sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return {
    count: examples.length,
    accuracy: correct / examples.length,
    macroF1: f1Sum / classes.size,
  };
}
