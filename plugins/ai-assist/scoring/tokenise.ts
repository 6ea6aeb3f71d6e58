import { stopWords } from './stop-words.js';

/** How many distinct words a query keeps: the desk's full-text search reads no more. */
export const maxQueryWords = 16;

const vowel = /[aeiouy]/;

/** Strips a doubled final consonant left by a suffix ("dropp" → "drop"), but not "ll", "ss", "zz". */
function undouble(stem: string): string {
  const last = stem.at(-1);
  return last !== undefined && stem.at(-2) === last && !'lsz'.includes(last) && !vowel.test(last)
    ? stem.slice(0, -1)
    : stem;
}

/**
 * A light English stemmer: plural and verb endings only ("drops", "dropping", "dropped" → "drop";
 * "policies" → "policy"). Deliberately weaker than Porter: it never merges words that differ in
 * meaning beyond their inflection, and short words are left alone.
 *
 * @example
 * stem('disconnecting') // 'disconnect'
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:ch|sh|x|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // "-ed" needs a longer base than "-ing": "speed" and "fixed" keep their ending.
  for (const [suffix, shortest] of [
    ['ing', 3],
    ['ed', 4],
  ] as const) {
    const base = w.slice(0, -suffix.length);
    if (w.endsWith(suffix) && base.length >= shortest && vowel.test(base)) {
      w = undouble(base);
      break;
    }
  }
  return w;
}

/**
 * The words of free text: lower-cased runs of letters and digits, without stop words, in order
 * and with repeats (a ranker counts them).
 *
 * @example
 * words('My VPN keeps dropping!') // ['vpn', 'keeps', 'dropping']
 */
export function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word) && !stopWords.has(word));
}

/**
 * The stemmed words of a text: what the in-memory ranker indexes and matches.
 *
 * @example
 * tokens('VPN drops, dropping again') // ['vpn', 'drop', 'drop', 'again']
 */
export function tokens(text: string): string[] {
  return words(text).map(stem);
}

/**
 * The query a ticket's text becomes: its first {@link maxQueryWords} words of distinct stems, as
 * written (each engine's full-text index stems them itself). Both the tools and the eval commands
 * search with exactly these words, so quality is measured the way it runs.
 *
 * @example
 * queryWords('VPN keeps dropping. The VPN drops at home') // ['vpn', 'keeps', 'dropping', 'home']
 */
export function queryWords(text: string): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const word of words(text)) {
    const root = stem(word);
    if (seen.has(root)) continue;
    seen.add(root);
    kept.push(word);
    if (kept.length === maxQueryWords) break;
  }
  return kept;
}
