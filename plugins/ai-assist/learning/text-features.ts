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
  const stems = plain.map(stem);
  const wordKeys: string[] = [];
  for (const [index, root] of stems.entries()) {
    wordKeys.push(`w:${root}`);
    const next = stems[index + 1];
    if (next !== undefined) wordKeys.push(`b:${root} ${next}`);
  }
  const charKeys: string[] = [];
  for (const word of plain) {
    const padded = ` ${word} `;
    for (let n = charGramRange.shortest; n <= charGramRange.longest; n += 1) {
      if (padded.length <= n) {
        charKeys.push(`c:${padded}`);
        break;
      }
      for (let start = 0; start + n <= padded.length; start += 1) {
        charKeys.push(`c:${padded.slice(start, start + n)}`);
      }
    }
  }
  return { words: wordKeys, chars: charKeys };
}
