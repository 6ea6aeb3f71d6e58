import { queryWords } from './tokenise.js';

/** One resolution: a past query (a ticket's text) and a document (article or ticket) that resolved it. */
export interface Resolution {
  readonly query: string;
  readonly documentId: string;
}

/** How much history one document keeps. */
export interface LearnedExpansionOptions {
  /**
   * The newest past queries kept per document (50, as the desk's own learned field): wording
   * drifts as systems change, and the bound keeps the field's size fixed however popular the
   * document is.
   */
  readonly maxQueriesPerDocument?: number;
}

/**
 * The default of {@link LearnedExpansionOptions.maxQueriesPerDocument}.
 *
 * @example
 * learnedExpansions(history, { maxQueriesPerDocument: defaultMaxQueriesPerDocument * 2 })
 */
export const defaultMaxQueriesPerDocument = 50;

/**
 * Each document's learned expansion text from its resolution history (oldest first, as tickets
 * were resolved): the words of the newest past queries it resolved, each query reduced to the
 * words the search would send for it ({@link queryWords}: distinct stems, stop words dropped, at
 * most 16). A word thus occurs once per past query that used it, so the ranker weighs it by how
 * many queries agreed on it, and the text is at most `maxQueriesPerDocument` × 16 words long.
 * Documents without history are absent from the map.
 *
 * @example
 * learnedExpansions([
 *   { query: 'Cannot reach the intranet from home', documentId: 'kb-vpn' },
 *   { query: 'intranet unreachable remotely', documentId: 'kb-vpn' },
 * ]).get('kb-vpn') // 'cannot reach intranet home intranet unreachable remotely'
 */
export function learnedExpansions(
  history: readonly Resolution[],
  options: LearnedExpansionOptions = {},
): Map<string, string> {
  const keep = Math.max(0, options.maxQueriesPerDocument ?? defaultMaxQueriesPerDocument);
  const byDocument = new Map<string, string[]>();
  // Newest first, so the bound drops the oldest; the kept queries are put back in order.
  for (let at = history.length - 1; at >= 0; at -= 1) {
    const { query, documentId } = history[at] as Resolution;
    let queries = byDocument.get(documentId);
    if (queries === undefined) byDocument.set(documentId, (queries = []));
    if (queries.length >= keep) continue;
    const words = queryWords(query);
    if (words.length > 0) queries.push(words.join(' '));
  }
  const expansions = new Map<string, string>();
  for (const [documentId, queries] of byDocument) {
    if (queries.length > 0) expansions.set(documentId, queries.reverse().join(' '));
  }
  return expansions;
}
