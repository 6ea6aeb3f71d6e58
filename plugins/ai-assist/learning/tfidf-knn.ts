/** One labelled training text of the baseline. */
export interface KnnExample {
  readonly text: string;
  readonly label: string;
}

/** One nearest training text: its position in the training list and its cosine similarity. */
export interface KnnNeighbour {
  readonly index: number;
  readonly similarity: number;
}

/** The baseline, fitted. */
export interface TfidfKnn {
  /** The `k` most similar training texts, most similar first (ties by training order). */
  neighbours(text: string, k: number): KnnNeighbour[];
  /** The majority label of the `k` nearest; a tie goes to the tied label met first, nearest first. */
  predict(text: string, k: number): string | undefined;
}

/** scikit-learn's default tokens: lower-cased runs of two or more word characters. */
function sklearnTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}\p{M}_]{2,}/gu) ?? [];
}

/** Raw term counts times idf, unit length, of the terms in `idf` (others ignored). */
function tfidf(text: string, idf: ReadonlyMap<string, number>): Map<string, number> {
  const vector = new Map<string, number>();
  for (const token of sklearnTokens(text)) {
    if (idf.has(token)) vector.set(token, (vector.get(token) ?? 0) + 1);
  }
  let sum = 0;
  for (const [term, tf] of vector) {
    const weight = tf * (idf.get(term) ?? 0);
    vector.set(term, weight);
    sum += weight * weight;
  }
  const norm = Math.sqrt(sum);
  for (const [term, weight] of vector) vector.set(term, weight / norm);
  return vector;
}

/** Inserts a candidate into the best-first list of at most `k`, keeping training order on ties. */
function keepBest(best: KnnNeighbour[], candidate: KnnNeighbour, k: number): void {
  let at = best.length;
  for (; at > 0; at -= 1) {
    const before = best[at - 1] as KnnNeighbour;
    if (before.similarity > candidate.similarity) break;
    if (before.similarity === candidate.similarity && before.index < candidate.index) break;
  }
  if (at >= k) return;
  best.splice(at, 0, candidate);
  if (best.length > k) best.pop();
}

/**
 * The baseline issue 22 measures against, as scikit-learn builds it with default settings:
 * `TfidfVectorizer()` (lower-cased word unigrams of two or more characters, raw tf, smooth idf
 * ln((1 + n) / (1 + df)) + 1, unit length) and `KNeighborsClassifier(metric='cosine',
 * weights='uniform')`. Neighbours come from an inverted index, so only texts sharing a term are
 * scored; when fewer than `k` share one, the earliest training texts fill in at similarity 0, as a
 * brute-force search would rank them.
 *
 * @example
 * const knn = createTfidfKnn([{ text: 'vpn drops', label: 'network' }, { text: 'printer jam', label: 'print' }]);
 * knn.predict('my vpn', 1) // 'network'
 */
export function createTfidfKnn(train: readonly KnnExample[]): TfidfKnn {
  const df = new Map<string, number>();
  for (const example of train) {
    for (const term of new Set(sklearnTokens(example.text))) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const n = train.length;
  const idf = new Map([...df].map(([term, count]) => [term, Math.log((1 + n) / (1 + count)) + 1]));
  const postings = new Map<string, { documents: number[]; weights: number[] }>();
  for (const [index, example] of train.entries()) {
    for (const [term, weight] of tfidf(example.text, idf)) {
      let list = postings.get(term);
      if (list === undefined) postings.set(term, (list = { documents: [], weights: [] }));
      list.documents.push(index);
      list.weights.push(weight);
    }
  }
  const scores = new Float64Array(n);
  const neighbours = (text: string, k: number): KnnNeighbour[] => {
    const touched: number[] = [];
    for (const [term, weight] of tfidf(text, idf)) {
      const list = postings.get(term);
      if (list === undefined) continue;
      const { documents, weights } = list;
      for (let at = 0; at < documents.length; at += 1) {
        const document = documents[at] ?? 0;
        if (scores[document] === 0) touched.push(document);
        scores[document] = (scores[document] ?? 0) + weight * (weights[at] ?? 0);
      }
    }
    const best: KnnNeighbour[] = [];
    for (const index of touched) {
      keepBest(best, { index, similarity: scores[index] ?? 0 }, k);
      scores[index] = 0;
    }
    const chosen = new Set(best.map((neighbour) => neighbour.index));
    for (let index = 0; best.length < Math.min(k, n) && index < n; index += 1) {
      if (!chosen.has(index)) best.push({ index, similarity: 0 });
    }
    return best;
  };
  return Object.freeze({
    neighbours,
    predict(text: string, k: number): string | undefined {
      return majorityLabel(neighbours(text, k).map(({ index }) => train[index]?.label ?? ''));
    },
  });
}

/**
 * The most frequent of labels listed nearest first; on a tie, the tied label that appears first.
 *
 * @example
 * majorityLabel(['b', 'a', 'a', 'b']) // 'b'
 */
export function majorityLabel(labels: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  let best: string | undefined;
  for (const [label, count] of counts) {
    if (best === undefined || count > (counts.get(best) ?? 0)) best = label;
  }
  return best;
}
