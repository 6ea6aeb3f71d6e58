import { stem, words } from '../scoring/tokenise.js';

/** The shortest and longest character n-grams taken inside each word (sklearn `char_wb` 3–5). */
export const charGramRange = { shortest: 3, longest: 5 } as const;

/** The feature keys of one text, in two blocks that are weighted and normalised apart. */
export interface TextFeatureKeys {
  /** Stemmed words (`w:vpn`) and pairs of consecutive stemmed words (`b:vpn drop`). */
  readonly words: string[];
  /** Character n-grams of each word padded with a space (`c: vp`, `c:vpn`, …). */
  readonly chars: string[];
}

/**
 * The feature keys of a text, with repeats (term frequency counts them): word unigrams and
 * bigrams over {@link words} stemmed by {@link stem} (stop words dropped, as the ranker does), and
 * character n-grams within word boundaries over the unstemmed words, each padded with one space
 * either side as scikit-learn's `char_wb` does, so prefixes and suffixes are features of their
 * own. A word shorter than an n-gram gives that n-gram once, whole, as `char_wb` does. Character
 * n-grams carry misspellings, inflections and compound words that whole words miss.
 *
 * @example
 * textFeatureKeys('VPN drops').words // ['w:vpn', 'b:vpn drop', 'w:drop']
 */
export function textFeatureKeys(text: string): TextFeatureKeys {
  const plain = words(text);
  const chars: string[] = [];
  forEachCharGram(plain, (padded, start, n) => chars.push(`c:${padded.slice(start, start + n)}`));
  return { words: wordFeatureKeys(plain), chars };
}

/** The features of one text as the vocabulary reads them: word keys, hashed character n-grams. */
export interface TextFeatures {
  readonly words: string[];
  /** Each character n-gram of {@link textFeatureKeys} as a 31-bit FNV-1a hash of its letters. */
  readonly chars: number[];
}

/**
 * {@link textFeatureKeys} with the character n-grams hashed rather than spelled out: the same
 * n-grams, but no string is made for each, which is most of the cost of featurising a text.
 * Collisions are as rare as in scikit-learn's `HashingVectorizer` with 2^31 buckets, and the
 * character n-grams are never read for a caller limited to shared words.
 *
 * @example
 * textFeatures('VPN drops').chars.length === textFeatureKeys('VPN drops').chars.length // true
 */
export function textFeatures(text: string): TextFeatures {
  const plain = words(text);
  const chars: number[] = [];
  forEachCharGram(plain, (padded, start, n) => {
    let hash = 0x811c9dc5 ^ n;
    for (let i = start; i < start + n; i += 1) {
      hash ^= padded.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    chars.push(hash & 0x7fffffff);
  });
  return { words: wordFeatureKeys(plain), chars };
}

/** Stemmed words and pairs of consecutive stemmed words. */
function wordFeatureKeys(plain: readonly string[]): string[] {
  const stems = plain.map(stem);
  const keys: string[] = [];
  for (const [index, root] of stems.entries()) {
    keys.push(`w:${root}`);
    const next = stems[index + 1];
    if (next !== undefined) keys.push(`b:${root} ${next}`);
  }
  return keys;
}

/** Calls `emit` for each character n-gram of each word padded with a space either side. */
function forEachCharGram(
  plain: readonly string[],
  emit: (padded: string, start: number, n: number) => void,
): void {
  for (const word of plain) {
    const padded = ` ${word} `;
    for (let n = charGramRange.shortest; n <= charGramRange.longest; n += 1) {
      if (padded.length <= n) {
        emit(padded, 0, padded.length);
        break;
      }
      for (let start = 0; start + n <= padded.length; start += 1) emit(padded, start, n);
    }
  }
}
