import { englishStopWords } from './stop-words.js';

/** How many characters of query text are read; the rest is ignored. */
export const maxQueryLength = 1000;
/** How many distinct words one query may hold. */
export const maxQueryTerms = 16;
const maxTermLength = 64;

/** How the words of a query combine: every word must match, or any one of them. */
export type MatchMode = 'all' | 'any';

/**
 * The searchable words of free text: runs of letters, digits and combining marks, lower-cased,
 * without stop words, duplicates or anything else. Query syntax of either engine (quotes,
 * AND/OR/NOT/NEAR, `*`, `^`, `:`, `-`, `+`, parentheses, column filters) is plain text here, so
 * no input can reach the database as syntax.
 *
 * @example
 * searchTerms('"VPN" AND (drops* OR -fails)') // ['vpn', 'drops', 'fails']
 */
export function searchTerms(text: string | undefined): readonly string[] {
  if (text === undefined) return [];
  const words = text
    .slice(0, maxQueryLength)
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    // A word needs a letter or digit: a lone combining mark is no word to either tokenizer.
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .map((word) => word.slice(0, maxTermLength))
    .filter((word) => !englishStopWords.has(word));
  return [...new Set(words)].slice(0, maxQueryTerms);
}

/** The shortest last word that also matches as a prefix ("printe" finds "printer"). */
export const minPrefixLength = 3;

/** The last word, when it is long enough to be read as a prefix as well. */
export function prefixTerm(terms: readonly string[]): string | undefined {
  const last = terms.at(-1);
  return last !== undefined && last.length >= minPrefixLength ? last : undefined;
}

/**
 * The words of one search and how they combine. With `prefix`, the last word (from
 * {@link minPrefixLength} letters) also matches as a prefix, for text typed as far as "printe".
 */
export interface TextQuery {
  readonly terms: readonly string[];
  readonly mode: MatchMode;
  readonly prefix: boolean;
}

/**
 * An FTS5 MATCH expression for a {@link TextQuery}: each term an FTS5 string (internal quotes
 * doubled, though {@link searchTerms} leaves none), joined by AND or by OR.
 *
 * @example
 * fts5MatchExpression({ terms: ['vpn', 'drops'], mode: 'all', prefix: true }) // '"vpn" AND ("drops" OR "drops"*)'
 */
export function fts5MatchExpression({ terms, mode, prefix }: TextQuery): string {
  const quoted = terms.map((term) => `"${term.replaceAll('"', '""')}"`);
  const last = quoted.at(-1);
  if (prefix && prefixTerm(terms) !== undefined && last !== undefined) {
    quoted[quoted.length - 1] = mode === 'all' ? `(${last} OR ${last}*)` : `${last} OR ${last}*`;
  }
  // Explicit AND: FTS5 reads no implicit AND before a parenthesis.
  return quoted.join(mode === 'all' ? ' AND ' : ' OR ');
}

/**
 * Text for PostgreSQL's `websearch_to_tsquery`, which accepts any text: the terms joined by spaces
 * (AND) or by the word `or` (OR). The terms hold only letters and digits, so `or` is the only
 * operator it can see, and stop words (`or` among them) were already removed from the terms.
 *
 * @example
 * websearchText(['vpn', 'drops'], 'any') // 'vpn or drops'
 */
export function websearchText(terms: readonly string[], mode: MatchMode): string {
  return terms.join(mode === 'all' ? ' ' : ' or ');
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A filter value (category, tag, date) made safe to bind on either engine: PostgreSQL rejects a
 * NUL character in text, and a lone surrogate is no valid UTF-8.
 *
 * @example
 * bindableText('net\u0000work') // 'network'
 */
export function bindableText(value: string): string {
  return value.replaceAll('\u0000', '').replace(loneSurrogate, '\uFFFD');
}
