import type { ChunkedWork } from './cooperative.js';
import {
  classifierTraining,
  featurising,
  type TextClassifier,
  type TextClassifierOptions,
} from './text-classifier.js';

/** A text with a label per field; a field it lacks is left out. */
export interface MultiLabelledText<TField extends string> {
  readonly id: string;
  readonly text: string;
  readonly labels: Readonly<Partial<Record<TField, string>>>;
  readonly organisation?: string | number | null;
}

/**
 * One classifier per field from the same texts, featurised once (the vocabulary and TF-IDF rows
 * are the costly part and the same for every field), each trained on the texts that carry its
 * field. A field too sparse to learn is left out. Chunked work: a server runs it cooperatively.
 *
 * @example
 * const classifiers = await runCooperatively(fieldClassifierTraining(history, ['team', 'priority']));
 * classifiers.team?.predict('VPN drops')
 */
export function* fieldClassifierTraining<TField extends string>(
  texts: readonly MultiLabelledText<TField>[],
  fields: readonly TField[],
  options: TextClassifierOptions = {},
): ChunkedWork<Partial<Record<TField, TextClassifier>>> {
  const featurised = yield* featurising(texts, options);
  const classifiers: Partial<Record<TField, TextClassifier>> = {};
  for (const field of fields) {
    const rows = texts.flatMap(({ id, labels }, row) => {
      const label = labels[field];
      return label === undefined || label === '' ? [] : [{ row, id, label }];
    });
    const classifier = yield* classifierTraining(featurised, rows, options);
    if (classifier !== undefined) classifiers[field] = classifier;
  }
  return classifiers;
}
