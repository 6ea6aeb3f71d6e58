import { ServiceDeskError } from '../../../core/index.js';
import type { RetrievalScores } from '../scoring/ranking-metrics.js';
import { figure, numberOption, requiredPath } from './command-options.js';
import type { EvalMode } from './eval-mode.js';
import { evaluateRetrieval, type RetrievalEvaluation } from './evaluate-retrieval.js';
import { readRetrievalSet } from './retrieval-set.js';

const usage =
  'eval retrieval --corpus c.jsonl --queries q.jsonl --qrels r.jsonl ' +
  '[--title-field title] [--text-fields text] [--id-field id] [--history-share 0.5]';

/** A column option: the name given, or undefined when absent. */
function columnOption(
  options: Readonly<Record<string, string | boolean | undefined>>,
  name: string,
): string | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `--${name} needs a column name: servicedesk-mcp ${usage}`,
    );
  }
  return value.trim();
}

const row = (name: string, s: RetrievalScores) =>
  [
    name.padEnd(16),
    ...[s.recallAt1, s.recallAt5, s.recallAt10, s.mrrAt10, s.ndcgAt10].map((value) =>
      figure(value).padEnd(9),
    ),
  ]
    .join(' ')
    .trimEnd();

/**
 * The report lines of a retrieval evaluation: the split, then one row per ranker on the same
 * test queries, then the lift of the learned ranker over plain BM25 in MRR@10 points.
 *
 * @example
 * formatRetrievalEvaluation(evaluateRetrieval(set, split)).forEach((line) => console.log(line));
 */
export function formatRetrievalEvaluation(result: RetrievalEvaluation): string[] {
  const { split } = result;
  const how =
    split.by === 'split'
      ? `by the split column${split.unused > 0 ? `, ${split.unused} of other splits unused` : ''}`
      : 'by a hash of the query id';
  const lift = 100 * (result.learned.mrrAt10 - result.bm25.mrrAt10);
  return [
    `retrieval: ${result.documents} documents, ${result.queriesGiven} queries: ` +
      `${split.history} history, ${split.test} test (${how})`,
    `history: ${result.learnedDocuments} documents learned the words of the queries they resolved`,
    `test queries with a relevant document: ${result.bm25.queries}`,
    `${'ranker'.padEnd(16)} recall@1  recall@5  recall@10 MRR@10    nDCG@10`,
    row('BM25', result.bm25),
    row('BM25F', result.bm25f),
    row('BM25F+learned', result.learned),
    `MRR@10 BM25F+learned − BM25: ${lift >= 0 ? '+' : '−'}${Math.abs(lift).toFixed(1)} points`,
  ];
}

/**
 * `servicedesk-mcp eval retrieval --corpus … --queries … --qrels …`: reads a retrieval set (CSV,
 * TSV, JSONL or JSON, named columns), lets the history queries' relevant documents learn their
 * words, and prints recall@1/5/10, MRR@10 and nDCG@10 of plain BM25, BM25F and BM25F with the
 * learned expansion on the same test queries, with the lift over BM25.
 *
 * @example
 * await evalRetrievalMode.run(ctx) // prints one row per ranker and the MRR@10 lift
 */
export const evalRetrievalMode: EvalMode = {
  name: 'retrieval',
  usage,
  options: {
    corpus: { type: 'string', description: 'Documents {id, title?, text} (CSV, TSV, JSONL, JSON)' },
    queries: { type: 'string', description: 'Queries {id, text, split?} (CSV, TSV, JSONL, JSON)' },
    qrels: { type: 'string', description: 'Judgements {queryId, docId, relevance?}' },
    'title-field': { type: 'string', description: 'Corpus title column (title, if any)' },
    'text-fields': { type: 'string', description: 'Text columns, comma-separated (text)' },
    'id-field': { type: 'string', description: 'Id column of corpus and queries (id or _id)' },
    'split-field': { type: 'string', description: 'Query split column (split, if any)' },
    'history-value': { type: 'string', description: 'Split value of history queries (train)' },
    'test-value': { type: 'string', description: 'Split value of test queries (test)' },
    'history-share': {
      type: 'string',
      description: 'Without a split: share of queries taken as history (0.5)',
    },
  },
  run: async ({ options, out }) => {
    const textFields = columnOption(options, 'text-fields')
      ?.split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const set = await readRetrievalSet({
      corpus: requiredPath(options, { name: 'corpus', usage }),
      queries: requiredPath(options, { name: 'queries', usage }),
      qrels: requiredPath(options, { name: 'qrels', usage }),
      idField: columnOption(options, 'id-field'),
      titleField: columnOption(options, 'title-field'),
      textFields,
      splitField: columnOption(options, 'split-field'),
    });
    const split = {
      historyValue: columnOption(options, 'history-value') ?? 'train',
      testValue: columnOption(options, 'test-value') ?? 'test',
      historyShare: numberOption(options, {
        name: 'history-share',
        min: 0,
        max: 0.99,
        fallback: 0.5,
      }),
    };
    const result = evaluateRetrieval(set, split);
    if (result.split.test === 0) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        result.split.by === 'split'
          ? `no query has the split value "${split.testValue}"; name the test split with --test-value`
          : 'no query is left to test; lower --history-share',
      );
    }
    for (const line of formatRetrievalEvaluation(result)) out(line);
    return 0;
  },
};
