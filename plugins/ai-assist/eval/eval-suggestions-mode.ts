import { defaultNeighbours, defaultThreshold } from '../scoring/suggestion-fields.js';
import { figure, numberOption, requiredPath } from './command-options.js';
import { suggestionRecord } from './eval-records.js';
import type { EvalMode } from './eval-mode.js';
import { evaluateSuggestions, type SuggestionEvaluation } from './evaluate-suggestions.js';
import { readJsonl, requireUniqueIds } from './jsonl.js';

const usage = 'eval suggestions --train a.jsonl --test b.jsonl';

/**
 * The report lines of a suggestion evaluation: one line per field with accuracy and macro-F1,
 * and what the tool's threshold would let through; "(learned)" marks a field predicted by its
 * trained classifier rather than the vote.
 *
 * @example
 * formatSuggestionEvaluation(evaluateSuggestions(train, test)).forEach((line) => console.log(line));
 */
export function formatSuggestionEvaluation(result: SuggestionEvaluation): string[] {
  return [
    `suggestions: ${result.train} training and ${result.test} test records; ` +
      `${result.neighbours} neighbours vote, threshold ${result.threshold}`,
    ...result.fields.map(
      (f) =>
        `${f.field}${f.method === 'learned' ? ' (learned)' : ''}: accuracy ${figure(f.accuracy)}, macro-F1 ${figure(f.macroF1)} (n=${f.count}); ` +
        `at threshold: applied ${(f.coverage * 100).toFixed(1)}%, accuracy ${figure(f.accuracyAtThreshold)}`,
    ),
  ];
}

/**
 * `servicedesk-mcp eval suggestions --train a.jsonl --test b.jsonl`: predicts category, priority
 * and team of each test record from the most similar training records, with the same code as
 * `apply_ai_suggestions`, and prints accuracy and macro-F1 per field.
 *
 * @example
 * await evalSuggestionsMode.run(ctx) // prints one line per field
 */
export const evalSuggestionsMode: EvalMode = {
  name: 'suggestions',
  usage,
  options: {
    train: { type: 'string', description: 'JSONL of {id, text, category?, priority?, team?}' },
    test: { type: 'string', description: 'JSONL of held-out records in the same format' },
    neighbours: {
      type: 'string',
      description: `How many similar records vote (${defaultNeighbours})`,
    },
    threshold: { type: 'string', description: `Confidence to apply a field (${defaultThreshold})` },
  },
  run: async ({ options, out }) => {
    const trainFile = requiredPath(options, { name: 'train', usage });
    const testFile = requiredPath(options, { name: 'test', usage });
    const neighbours = numberOption(options, {
      name: 'neighbours',
      min: 1,
      max: 100,
      fallback: defaultNeighbours,
      whole: true,
    });
    const threshold = numberOption(options, {
      name: 'threshold',
      min: 0,
      max: 1,
      fallback: defaultThreshold,
    });
    const train = await readJsonl(trainFile, suggestionRecord);
    requireUniqueIds(trainFile, train);
    const test = await readJsonl(testFile, suggestionRecord);
    requireUniqueIds(testFile, test);
    const result = evaluateSuggestions(
      train.map((r) => r.value),
      test.map((r) => r.value),
      { neighbours, threshold },
    );
    for (const line of formatSuggestionEvaluation(result)) out(line);
    return 0;
  },
};
