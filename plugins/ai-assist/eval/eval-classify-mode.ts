import { basename } from 'node:path';
import { ServiceDeskError } from '../../../core/index.js';
import { idShare } from '../scoring/id-share.js';
import { defaultNeighbours, defaultThreshold } from '../scoring/suggestion-fields.js';
import { figure, numberOption } from './command-options.js';
import type { EvalMode } from './eval-mode.js';
import {
  evaluateClassification,
  type ClassificationEvaluation,
  type ClassificationRecord,
} from './evaluate-classification.js';
import { labelledRows, type LabelledRow } from './labelled-rows.js';
import { readTabularFile } from './tabular-file.js';

const usage =
  'eval classify --data tickets.csv --text-fields title,body --label team ' +
  '[--split-field split --test-value test | --test-share 0.2] (or --train a.csv --test b.csv)';

type Options = Readonly<Record<string, string | boolean | undefined>>;

function text(options: Options, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function list(options: Options, name: string): string[] {
  const value = text(options, name);
  if (value === undefined) {
    throw new ServiceDeskError('CONFIG_INVALID', `--${name} is required: servicedesk-mcp ${usage}`);
  }
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** The rows on either side of the split, and how it was made. */
interface SplitRows {
  readonly train: readonly LabelledRow[];
  readonly test: readonly LabelledRow[];
  readonly how: string;
  readonly emptyText: number;
}

async function splitRows(options: Options, labels: readonly string[]): Promise<SplitRows> {
  const textFields = list(options, 'text-fields');
  const idField = text(options, 'id-field');
  const read = async (file: string) =>
    labelledRows(await readTabularFile(file), {
      textFields,
      labels,
      ...(idField !== undefined && { idField }),
    });
  const data = text(options, 'data');
  const trainFile = text(options, 'train');
  const testFile = text(options, 'test');
  if (data === undefined) {
    if (trainFile === undefined || testFile === undefined) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `give --data, or both --train and --test: servicedesk-mcp ${usage}`,
      );
    }
    const [train, test] = [await read(trainFile), await read(testFile)];
    return {
      train: train.rows,
      test: test.rows,
      how: `${basename(trainFile)} / ${basename(testFile)}`,
      emptyText: train.emptyText + test.emptyText,
    };
  }
  if (trainFile !== undefined || testFile !== undefined) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `give --data or --train and --test, not both: servicedesk-mcp ${usage}`,
    );
  }
  const all = await read(data);
  const splitField = text(options, 'split-field');
  if (splitField !== undefined) {
    const testValue = text(options, 'test-value') ?? 'test';
    const isTest = (row: LabelledRow) => (row.values[splitField] ?? '').trim() === testValue;
    if (all.rows.length > 0 && !(splitField in (all.rows[0]?.values ?? {}))) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `${data}: no column "${splitField}" for --split-field`,
      );
    }
    return {
      train: all.rows.filter((row) => !isTest(row)),
      test: all.rows.filter(isTest),
      how: `${basename(data)}, ${splitField} = ${testValue} held out`,
      emptyText: all.emptyText,
    };
  }
  const share = numberOption(options, { name: 'test-share', min: 0.01, max: 0.99, fallback: 0.2 });
  const isTest = (row: LabelledRow) => idShare(row.id) < share;
  return {
    train: all.rows.filter((row) => !isTest(row)),
    test: all.rows.filter(isTest),
    how: `${basename(data)}, ${share * 100}% held out by hash of id`,
    emptyText: all.emptyText,
  };
}

function records(rows: readonly LabelledRow[], label: string): ClassificationRecord[] {
  return rows.flatMap(({ id, text: body, labels }) => {
    const value = labels[label];
    return value === undefined ? [] : [{ id, text: body, label: value }];
  });
}

const points = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}`;

/**
 * The report lines of one label: a row per method (accuracy, macro-F1, and for the vote and the
 * learned classifier what the threshold applies and how accurate that is), the learned model's
 * lead over TF-IDF kNN-10 in points, and the model's size and training time.
 *
 * @example
 * formatClassification('team', evaluateClassification(train, test, { threshold: 0.6, neighbours: 10 }))
 */
export function formatClassification(label: string, result: ClassificationEvaluation): string[] {
  const find = (method: string) => result.methods.find((m) => m.method === method);
  const learned = find('learned');
  const knn = find('tfidf-knn-10');
  const model = result.classifier;
  return [
    `${label}: ${result.train} training and ${result.test} test rows, ${result.classes} ${result.classes === 1 ? 'class' : 'classes'}; threshold ${result.threshold}`,
    `  ${'method'.padEnd(13)} accuracy  macro-F1  applied  accuracy-applied`,
    ...result.methods.map(({ method, accuracy, macroF1, atThreshold }) =>
      [
        `  ${method.padEnd(13)} ${figure(accuracy).padStart(8)}  ${figure(macroF1).padStart(8)}`,
        atThreshold === undefined
          ? ''
          : `  ${`${(atThreshold.applied * 100).toFixed(1)}%`.padStart(7)}  ${figure(atThreshold.accuracy).padStart(16)}`,
      ].join(''),
    ),
    learned === undefined || knn === undefined || model === undefined
      ? `  learned: too few training rows to train (fewer than 40 or one class); the vote stands in`
      : `  learned - tfidf-knn-10: ${points(learned.accuracy - knn.accuracy)} accuracy points, ${points(learned.macroF1 - knn.macroF1)} macro-F1 points`,
    ...(model === undefined
      ? []
      : [
          `  learned model: ${model.features} features, temperature ${model.temperature.toFixed(2)}, ` +
            `${(model.memoryBytes / 1e6).toFixed(1)} MB, trained in ${(result.trainingMs / 1000).toFixed(1)} s`,
        ]),
  ];
}

/**
 * `servicedesk-mcp eval classify --data tickets.csv --text-fields title,body --label team`: on a
 * public ticket set (CSV, TSV, JSONL or JSON), compares for each label the majority class,
 * TF-IDF kNN (k = 5, 10), the BM25 vote and the learned classifier on one split, the set's own
 * (`--split-field`) or a fixed hash of the id (`--test-share`).
 *
 * @example
 * await evalClassifyMode.run(ctx) // prints a table per label
 */
export const evalClassifyMode: EvalMode = {
  name: 'classify',
  usage,
  options: {
    data: { type: 'string', description: 'CSV, TSV, JSONL or JSON file of labelled tickets' },
    'text-fields': { type: 'string', description: 'Columns joined into the text, e.g. title,body' },
    label: { type: 'string', description: 'Label column, or a comma list of them' },
    'id-field': {
      type: 'string',
      description: 'Unique id column (id if present, else the row number)',
    },
    'split-field': { type: 'string', description: "Column holding the set's own split" },
    'test-value': {
      type: 'string',
      description: 'Value of --split-field marking test rows (test)',
    },
    'test-share': {
      type: 'string',
      description: 'Share held out by hash of id without a split column (0.2)',
    },
    threshold: { type: 'string', description: `Confidence to apply a field (${defaultThreshold})` },
    neighbours: {
      type: 'string',
      description: `How many similar records vote (${defaultNeighbours})`,
    },
    train: {
      type: 'string',
      description: 'Training file (suggestions: JSONL; classify: a table file)',
    },
    test: { type: 'string', description: 'Test file in the same format as --train' },
  },
  run: async ({ options, out }) => {
    const labels = list(options, 'label');
    const threshold = numberOption(options, {
      name: 'threshold',
      min: 0,
      max: 1,
      fallback: defaultThreshold,
    });
    const neighbours = numberOption(options, {
      name: 'neighbours',
      min: 1,
      max: 100,
      fallback: defaultNeighbours,
      whole: true,
    });
    const split = await splitRows(options, labels);
    out(
      `classify: ${split.how}; ${split.train.length} training and ${split.test.length} test rows; ${split.emptyText} skipped without text`,
    );
    for (const label of labels) {
      const train = records(split.train, label);
      const test = records(split.test, label);
      const skipped = split.train.length + split.test.length - train.length - test.length;
      if (train.length === 0 || test.length === 0) {
        out(
          `${label}: no ${train.length === 0 ? 'training' : 'test'} rows carry it; nothing to measure`,
        );
        continue;
      }
      for (const line of formatClassification(
        label,
        evaluateClassification(train, test, { threshold, neighbours }),
      ))
        out(line);
      if (skipped > 0) out(`  ${skipped} rows without ${label} skipped`);
    }
    return 0;
  },
};
