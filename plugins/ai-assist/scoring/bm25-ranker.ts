import { stem, tokens } from './tokenise.js';
import { topRanked } from './top-ranked.js';

/** One document of an in-memory corpus. */
export interface RankerDocument {
  readonly id: string;
  readonly text: string;
}

/** One ranked document: higher scores are more similar; comparable only within one query. */
export interface RankedDocument {
  readonly id: string;
  readonly score: number;
}

/** BM25 parameters; the defaults are those of SQLite FTS5 and Lucene. */
export interface Bm25Parameters {
  readonly k1?: number;
  readonly b?: number;
}

/** A BM25 index over an in-memory corpus. */
export interface Bm25Ranker {
  /** How many documents are indexed. */
  readonly size: number;
  /**
   * The `limit` best documents for query words (as {@link queryWords} gives them), best first,
   * ties in corpus order; documents sharing no word with the query are left out.
   */
  rank(query: readonly string[], limit: number): RankedDocument[];
}

/**
 * Builds a BM25 ranker (Robertson/Spärck Jones, with Lucene's always-positive idf) over `documents`,
 * indexed by their {@link tokens}. It stands in for the desk's full-text search when a corpus
 * comes from a file rather than the database.
 *
 * @example
 * const ranker = createBm25Ranker([{ id: 'a', text: 'VPN drops' }, { id: 'b', text: 'printer jam' }]);
 * ranker.rank(['vpn', 'dropping'], 10) // [{ id: 'a', score: … }]
 */
export function createBm25Ranker(
  documents: readonly RankerDocument[],
  parameters: Bm25Parameters = {},
): Bm25Ranker {
  const k1 = parameters.k1 ?? 1.2;
  const b = parameters.b ?? 0.75;
  // Postings: stem → [document index, term frequency] pairs, in corpus order.
  const postings = new Map<string, [number, number][]>();
  const lengths = documents.map((document, index) => {
    const counts = new Map<string, number>();
    const all = tokens(document.text);
    for (const token of all) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [token, count] of counts) {
      let list = postings.get(token);
      if (list === undefined) postings.set(token, (list = []));
      list.push([index, count]);
    }
    return all.length;
  });
  const total = documents.length;
  const averageLength = total === 0 ? 0 : lengths.reduce((sum, n) => sum + n, 0) / total;

  return Object.freeze({
    size: total,
    rank(query: readonly string[], limit: number): RankedDocument[] {
      const scores = new Float64Array(total);
      const touched: number[] = [];
      for (const root of new Set(query.map(stem))) {
        const list = postings.get(root);
        if (list === undefined) continue;
        const idf = Math.log(1 + (total - list.length + 0.5) / (list.length + 0.5));
        for (const [index, tf] of list) {
          const norm = 1 - b + (b * (lengths[index] ?? 0)) / (averageLength || 1);
          // Every contribution is positive, so a zero score means not yet touched.
          if (scores[index] === 0) touched.push(index);
          scores[index] = (scores[index] ?? 0) + (idf * tf * (k1 + 1)) / (tf + k1 * norm);
        }
      }
      return topRanked(scores, touched, Math.max(0, limit)).map((index) => ({
        id: documents[index]?.id ?? '',
        score: scores[index] ?? 0,
      }));
    },
  });
}
