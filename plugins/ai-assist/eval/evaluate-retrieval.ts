import { createBm25Ranker } from '../scoring/bm25-ranker.js';
import { createBm25fRanker } from '../scoring/bm25f-ranker.js';
import { learnedExpansions } from '../scoring/learned-expansion.js';
import { retrievalScores, type RetrievalScores } from '../scoring/ranking-metrics.js';
import { queryWords } from '../scoring/tokenise.js';
import { splitQueries, type QuerySplit, type QuerySplitOptions } from './query-split.js';
import type { RetrievalSet } from './retrieval-set.js';

/** The result of {@link evaluateRetrieval}: the three rankers on the same test queries. */
export interface RetrievalEvaluation {
  readonly documents: number;
  /** Queries in the file, judged or not. */
  readonly queriesGiven: number;
  readonly split: Omit<QuerySplit, 'history' | 'test'> & { history: number; test: number };
  /** Documents that gained a learned expansion from the history. */
  readonly learnedDocuments: number;
  /** Plain BM25 over title and body as one text: the baseline, as before. */
  readonly bm25: RetrievalScores;
  /** BM25F over title and body, no expansion. */
  readonly bm25f: RetrievalScores;
  /** BM25F over title, body and the expansion learned from the history. */
  readonly learned: RetrievalScores;
}

/** How deep each query is ranked: enough for every @10 figure. */
const depth = 10;

/**
 * Splits the queries into resolution history and test ({@link splitQueries}), lets every
 * document judged relevant to a history query learn that query's words
 * ({@link learnedExpansions}), and scores three rankers on the same test queries with the query
 * words `get_matching_articles_and_tickets` sends: plain BM25 over title and body as one text,
 * BM25F without expansion, and BM25F with it. Queries with no relevant document are not scored.
 *
 * @example
 * const { bm25, learned } = evaluateRetrieval(set, { historyValue: 'train', testValue: 'test', historyShare: 0.5 });
 * learned.mrrAt10 - bm25.mrrAt10 // the lift, as a share
 */
export function evaluateRetrieval(
  set: RetrievalSet,
  options: QuerySplitOptions,
): RetrievalEvaluation {
  const { history, test, ...split } = splitQueries(set.queries, options);
  const judgements = new Map<string, Map<string, number>>();
  for (const { queryId, docId, relevance } of set.qrels) {
    let judged = judgements.get(queryId);
    if (judged === undefined) judgements.set(queryId, (judged = new Map<string, number>()));
    judged.set(docId, relevance);
  }
  const resolutions = history.flatMap((query) =>
    [...(judgements.get(query.id) ?? [])]
      .filter(([, relevance]) => relevance > 0)
      .map(([documentId]) => ({ query: query.text, documentId })),
  );
  const expansions = learnedExpansions(resolutions);
  const plain = createBm25Ranker(
    set.documents.map(({ id, title, body }) => ({ id, text: `${title}\n${body}` })),
  );
  const fielded = set.documents.map(({ id, title, body }) => ({ id, fields: { title, body } }));
  const bm25f = createBm25fRanker(fielded);
  const learned = createBm25fRanker(
    fielded.map((document) => ({
      ...document,
      fields: { ...document.fields, learned: expansions.get(document.id) ?? '' },
    })),
  );
  const queries = test.map((query) => ({
    words: queryWords(query.text),
    judged: judgements.get(query.id) ?? new Map<string, number>(),
  }));
  const score = (ranker: { rank: typeof plain.rank }) =>
    retrievalScores(
      queries.map(({ words, judged }) => ({
        ranked: ranker.rank(words, depth).map((hit) => hit.id),
        judged,
      })),
    );
  return {
    documents: set.documents.length,
    queriesGiven: set.queries.length,
    split: { ...split, history: history.length, test: test.length },
    learnedDocuments: expansions.size,
    bm25: score(plain),
    bm25f: score(bm25f),
    learned: score(learned),
  };
}
