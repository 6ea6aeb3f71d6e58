/** Graded relevance of documents to one query: document id → relevance (0 = not relevant). */
export type Judgements = ReadonlyMap<string, number>;

/**
 * Share of the relevant documents (relevance > 0) found in the first `k` results; 0 when the
 * query has no relevant document.
 *
 * @example
 * recallAt(['a', 'b', 'c'], new Map([['b', 1], ['z', 1]]), 2) // 0.5
 */
export function recallAt(ranked: readonly string[], judged: Judgements, k: number): number {
  const relevant = [...judged.values()].filter((r) => r > 0).length;
  if (relevant === 0) return 0;
  const found = ranked.slice(0, k).filter((id) => (judged.get(id) ?? 0) > 0).length;
  return found / relevant;
}

/**
 * The reciprocal rank of the first relevant result within the first `k`, or 0.
 *
 * @example
 * reciprocalRankAt(['a', 'b', 'c'], new Map([['c', 1]]), 10) // 1/3
 */
export function reciprocalRankAt(ranked: readonly string[], judged: Judgements, k: number): number {
  const at = ranked.slice(0, k).findIndex((id) => (judged.get(id) ?? 0) > 0);
  return at < 0 ? 0 : 1 / (at + 1);
}

const dcg = (gains: readonly number[]): number =>
  gains.reduce((sum, gain, i) => sum + gain / Math.log2(i + 2), 0);

/**
 * Normalised discounted cumulative gain of the first `k` results, with the relevance itself as
 * the gain and 1/log2(rank + 1) as the discount (as trec_eval's `ndcg_cut`); 0 when the query
 * has no relevant document.
 *
 * @example
 * ndcgAt(['a', 'b'], new Map([['b', 1]]), 10) // 1/log2(3) ≈ 0.631
 */
export function ndcgAt(ranked: readonly string[], judged: Judgements, k: number): number {
  const ideal = dcg(
    [...judged.values()]
      .filter((r) => r > 0)
      .sort((a, b) => b - a)
      .slice(0, k),
  );
  if (ideal === 0) return 0;
  return dcg(ranked.slice(0, k).map((id) => Math.max(judged.get(id) ?? 0, 0))) / ideal;
}

/** The retrieval figures the eval reports, each the mean over judged queries. */
export interface RetrievalScores {
  /** Queries with at least one relevant document; the others are not scored. */
  readonly queries: number;
  readonly recallAt1: number;
  readonly recallAt5: number;
  readonly recallAt10: number;
  readonly mrrAt10: number;
  readonly ndcgAt10: number;
}

/**
 * Mean recall@1/5/10, MRR@10 and nDCG@10 over the runs whose judgements hold a relevant document.
 *
 * @example
 * retrievalScores([{ ranked: ['a', 'b'], judged: new Map([['b', 1]]) }]).mrrAt10 // 0.5
 */
export function retrievalScores(
  runs: readonly { readonly ranked: readonly string[]; readonly judged: Judgements }[],
): RetrievalScores {
  const scored = runs.filter((run) => [...run.judged.values()].some((r) => r > 0));
  const mean = (score: (run: (typeof scored)[number]) => number) =>
    scored.length === 0 ? 0 : scored.reduce((sum, run) => sum + score(run), 0) / scored.length;
  return {
    queries: scored.length,
    recallAt1: mean((r) => recallAt(r.ranked, r.judged, 1)),
    recallAt5: mean((r) => recallAt(r.ranked, r.judged, 5)),
    recallAt10: mean((r) => recallAt(r.ranked, r.judged, 10)),
    mrrAt10: mean((r) => reciprocalRankAt(r.ranked, r.judged, 10)),
    ndcgAt10: mean((r) => ndcgAt(r.ranked, r.judged, 10)),
  };
}
