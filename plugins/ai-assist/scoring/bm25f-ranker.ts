import type { RankedDocument } from './bm25-ranker.js';
import { stem, tokens } from './tokenise.js';
import { topRanked } from './top-ranked.js';

/** How one field of a document counts in BM25F. */
export interface Bm25fField {
  /** How much one occurrence here counts against one in a weight-1 field; 0 leaves the field out. */
  readonly weight: number;
  /** Length normalisation of this field, from 0 (none) to 1 (full). */
  readonly b: number;
}

/** The fields of the ranker's documents: article or ticket title, body, and learned expansion. */
export type Bm25fFieldName = 'title' | 'body' | 'learned';

/** BM25F parameters: one k1 and, per field, a weight and a b. */
export interface Bm25fParameters {
  readonly k1?: number;
  readonly fields?: Readonly<Partial<Record<Bm25fFieldName, Bm25fField>>>;
}

/** One document of an in-memory corpus, its text by field; a missing field is empty. */
export interface FieldedDocument {
  readonly id: string;
  readonly fields: Readonly<Partial<Record<Bm25fFieldName, string>>>;
}

/**
 * The defaults, chosen before measuring and the same for every corpus.
 *
 * - **title 3, body 1**: a word in the title says what the document is about, one in the body may
 *   be an aside. The desk's FTS5 search weighs title 10 to body 1, but there the weight multiplies
 *   a whole per-column score; in BM25F it multiplies the term frequency *before* saturation, so a
 *   smaller factor gives a comparable lead (one title word ≈ three body words), in the range BM25F
 *   studies use (2–5).
 * - **learned 1, b 0.5**: the words of the past queries a document resolved are the same kind of
 *   text as a new query, and each past query already adds one occurrence per word, so agreement
 *   between several queries raises the frequency by itself; weight 1 keeps one past query's word
 *   below a title word. Its length grows with how often the document resolved something — a sign
 *   of usefulness, not of verbosity — so it is only half normalised.
 * - **b 0.75, k1 1.2** for title and body: SQLite FTS5's and Lucene's BM25 defaults.
 *
 * @example
 * createBm25fRanker(documents, { fields: { ...defaultBm25fFields, learned: { weight: 0, b: 0.5 } } })
 */
export const defaultBm25fFields: Readonly<Record<Bm25fFieldName, Bm25fField>> = Object.freeze({
  title: Object.freeze({ weight: 3, b: 0.75 }),
  body: Object.freeze({ weight: 1, b: 0.75 }),
  learned: Object.freeze({ weight: 1, b: 0.5 }),
});

/** A BM25F index over an in-memory corpus. */
export interface Bm25fRanker {
  /** How many documents are indexed. */
  readonly size: number;
  /**
   * The `limit` best documents for query words (as {@link queryWords} gives them), best first,
   * ties in corpus order; documents sharing no word with the query in a weighted field are left out.
   */
  rank(query: readonly string[], limit: number): RankedDocument[];
}

const fieldNames: readonly Bm25fFieldName[] = ['title', 'body', 'learned'];

/** Stem counts of each document's field text, and the mean length of the field where not empty. */
function fieldCounts(documents: readonly FieldedDocument[], field: Bm25fFieldName) {
  const counts = documents.map((document) => {
    const all = tokens(document.fields[field] ?? '');
    const byStem = new Map<string, number>();
    for (const token of all) byStem.set(token, (byStem.get(token) ?? 0) + 1);
    return { length: all.length, byStem };
  });
  const filled = counts.filter((c) => c.length > 0);
  // Over documents that have the field: a learned field most documents lack would otherwise
  // make the few that have one look long.
  const averageLength = filled.reduce((sum, c) => sum + c.length, 0) / (filled.length || 1);
  return { counts, averageLength };
}

/**
 * Builds a BM25F ranker (Robertson, Zaragoza and Taylor 2004; Zaragoza et al. 2004) over fielded
 * documents: each field's term frequency is divided by its own length normalisation
 * `1 − b + b · length / mean length` and weighted, the weighted frequencies are summed, and the sum
 * is saturated once with `k1`, so a word repeated across fields cannot outscore a rarer word the
 * way summed per-field BM25 scores can. Idf (Lucene's, always positive) counts the documents that
 * hold the word in any weighted field. With one field of weight 1 it equals {@link createBm25Ranker}.
 * Tokens are those of {@link tokens}, as the plain ranker's.
 *
 * @example
 * const ranker = createBm25fRanker([
 *   { id: 'kb-1', fields: { title: 'VPN drops', body: 'Reconnect the client' } },
 *   { id: 'kb-2', fields: { title: 'Printer jam', body: 'vpn unrelated', learned: 'toner' } },
 * ]);
 * ranker.rank(['vpn'], 10) // kb-1 first: its title holds the word
 */
export function createBm25fRanker(
  documents: readonly FieldedDocument[],
  parameters: Bm25fParameters = {},
): Bm25fRanker {
  const k1 = parameters.k1 ?? 1.2;
  const fields = fieldNames
    .map((name) => ({ name, ...(parameters.fields?.[name] ?? defaultBm25fFields[name]) }))
    .filter((field) => field.weight > 0);
  // Postings: stem → document index → weighted, normalised term frequency summed over fields.
  // The normalisation depends on the document alone, so it is computed once here.
  const postings = new Map<string, Map<number, number>>();
  for (const field of fields) {
    const { counts, averageLength } = fieldCounts(documents, field.name);
    for (const [index, { length, byStem }] of counts.entries()) {
      const norm = 1 - field.b + (field.b * length) / (averageLength || 1);
      for (const [token, tf] of byStem) {
        let list = postings.get(token);
        if (list === undefined) postings.set(token, (list = new Map<number, number>()));
        list.set(index, (list.get(index) ?? 0) + (field.weight * tf) / norm);
      }
    }
  }
  // Packed per stem as parallel arrays: ranking walks them for every query word.
  const packed = new Map(
    [...postings].map(([token, list]) => [
      token,
      { indices: Int32Array.from(list.keys()), tfs: Float64Array.from(list.values()) },
    ]),
  );
  const total = documents.length;

  return Object.freeze({
    size: total,
    rank(query: readonly string[], limit: number): RankedDocument[] {
      const scores = new Float64Array(total);
      const touched: number[] = [];
      for (const root of new Set(query.map(stem))) {
        const list = packed.get(root);
        if (list === undefined) continue;
        const df = list.indices.length;
        const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
        for (let i = 0; i < df; i += 1) {
          const index = list.indices[i] as number;
          const tf = list.tfs[i] as number;
          // Every contribution is positive, so a zero score means not yet touched.
          if (scores[index] === 0) touched.push(index);
          scores[index] = (scores[index] ?? 0) + (idf * tf * (k1 + 1)) / (tf + k1);
        }
      }
      return topRanked(scores, touched, Math.max(0, limit)).map((index) => ({
        id: documents[index]?.id ?? '',
        score: scores[index] ?? 0,
      }));
    },
  });
}
