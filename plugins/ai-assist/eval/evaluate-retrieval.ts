import { createBm25Ranker } from '../scoring/bm25-ranker.js';
import { retrievalScores, type RetrievalScores } from '../scoring/ranking-metrics.js';
import { queryWords } from '../scoring/tokenise.js';
import type { QrelRecord, TextRecord } from './eval-records.js';

/** The result of {@link evaluateRetrieval}. */
export interface RetrievalEvaluation extends RetrievalScores {
  readonly documents: number;
  /** Queries in the file, judged or not. */
  readonly queriesGiven: number;
}

/** How deep each query is ranked: enough for every @10 figure. */
const depth = 10;

/**
 * Ranks the corpus for every query with the query words and BM25 ranking that
 * `get_matching_articles_and_tickets` relies on, and scores the rankings against the judgements.
 * Queries with no relevant document in the judgements are not scored.
 *
 * @example
 * evaluateRetrieval(corpus, queries, qrels).ndcgAt10
 */
export function evaluateRetrieval(
  corpus: readonly TextRecord[],
  queries: readonly TextRecord[],
  qrels: readonly QrelRecord[],
): RetrievalEvaluation {
  const ranker = createBm25Ranker(corpus);
  const judgements = new Map<string, Map<string, number>>();
  for (const { queryId, docId, relevance } of qrels) {
    let judged = judgements.get(queryId);
    if (judged === undefined) judgements.set(queryId, (judged = new Map<string, number>()));
    judged.set(docId, relevance);
  }
  const runs = queries.map((query) => ({
    ranked: ranker.rank(queryWords(query.text), depth).map((hit) => hit.id),
    judged: judgements.get(query.id) ?? new Map<string, number>(),
  }));
  return { documents: corpus.length, queriesGiven: queries.length, ...retrievalScores(runs) };
}
