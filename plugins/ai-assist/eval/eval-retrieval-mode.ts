import { figure, requiredPath } from './command-options.js';
import { qrelRecord, textRecord } from './eval-records.js';
import type { EvalMode } from './eval-mode.js';
import { evaluateRetrieval, type RetrievalEvaluation } from './evaluate-retrieval.js';
import { inputFileError, readJsonl, requireUniqueIds } from './jsonl.js';

const usage = 'eval retrieval --corpus c.jsonl --queries q.jsonl --qrels r.jsonl';

/**
 * The report lines of a retrieval evaluation.
 *
 * @example
 * formatRetrievalEvaluation(evaluateRetrieval(corpus, queries, qrels)).forEach((line) => console.log(line));
 */
export function formatRetrievalEvaluation(result: RetrievalEvaluation): string[] {
  return [
    `retrieval: ${result.documents} documents, ${result.queriesGiven} queries (${result.queries} with a relevant document)`,
    `recall@1 ${figure(result.recallAt1)}`,
    `recall@5 ${figure(result.recallAt5)}`,
    `recall@10 ${figure(result.recallAt10)}`,
    `MRR@10 ${figure(result.mrrAt10)}`,
    `nDCG@10 ${figure(result.ndcgAt10)}`,
  ];
}

/**
 * `servicedesk-mcp eval retrieval --corpus c.jsonl --queries q.jsonl --qrels r.jsonl`: ranks the
 * corpus for every query as `get_matching_articles_and_tickets` ranks past tickets and prints
 * recall@1/5/10, MRR@10 and nDCG@10.
 *
 * @example
 * await evalRetrievalMode.run(ctx) // prints recall@1 … nDCG@10
 */
export const evalRetrievalMode: EvalMode = {
  name: 'retrieval',
  usage,
  options: {
    corpus: { type: 'string', description: 'JSONL of {id, text} documents' },
    queries: { type: 'string', description: 'JSONL of {id, text} queries' },
    qrels: { type: 'string', description: 'JSONL of {queryId, docId, relevance}' },
  },
  run: async ({ options, out }) => {
    const corpusFile = requiredPath(options, { name: 'corpus', usage });
    const queriesFile = requiredPath(options, { name: 'queries', usage });
    const qrelsFile = requiredPath(options, { name: 'qrels', usage });
    const corpus = await readJsonl(corpusFile, textRecord);
    requireUniqueIds(corpusFile, corpus);
    const queries = await readJsonl(queriesFile, textRecord);
    requireUniqueIds(queriesFile, queries);
    const qrels = await readJsonl(qrelsFile, qrelRecord);
    const documentIds = new Set(corpus.map((r) => r.value.id));
    const queryIds = new Set(queries.map((r) => r.value.id));
    for (const { line, value } of qrels) {
      if (!queryIds.has(value.queryId)) {
        throw inputFileError(
          qrelsFile,
          line,
          `queryId "${value.queryId}" is not in ${queriesFile}`,
        );
      }
      if (!documentIds.has(value.docId)) {
        throw inputFileError(qrelsFile, line, `docId "${value.docId}" is not in ${corpusFile}`);
      }
    }
    const result = evaluateRetrieval(
      corpus.map((r) => r.value),
      queries.map((r) => r.value),
      qrels.map((r) => r.value),
    );
    for (const line of formatRetrievalEvaluation(result)) out(line);
    return 0;
  },
};
