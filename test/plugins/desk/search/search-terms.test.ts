import { describe, expect, it } from 'vitest';
import {
  bindableText,
  fts5MatchExpression,
  maxQueryTerms,
  searchTerms,
  websearchText,
} from '../../../../plugins/desk/search/search-terms.js';

describe('searchTerms', () => {
  it('keeps words and drops query syntax of either engine', () => {
    expect(searchTerms('"VPN" AND (drops* OR -fails) NEAR/2 ^title:x')).toEqual([
      'vpn',
      'drops',
      'fails',
      'near',
      '2',
      'title',
      'x',
    ]);
    expect(searchTerms('{summary details}: printer')).toEqual(['summary', 'details', 'printer']);
  });

  it('drops stop words, duplicates and characters that are no word', () => {
    expect(searchTerms('My VPN keeps dropping, my VPN!')).toEqual(['vpn', 'keeps', 'dropping']);
    expect(searchTerms('🙂 ¯\\_(ツ)_/¯ —')).toEqual(['ツ']);
    expect(searchTerms('the and or not')).toEqual([]);
    expect(searchTerms(undefined)).toEqual([]);
    expect(searchTerms('\u0000\uD800')).toEqual([]);
  });

  it('folds case and compatibility forms but keeps letters of every script', () => {
    expect(searchTerms('ＰＲＩＮＴＥＲ ﬁle Drücker принтер 打印机')).toEqual([
      'printer',
      'file',
      'drücker',
      'принтер',
      '打印机',
    ]);
  });

  it('bounds the number and length of words', () => {
    const many = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    expect(searchTerms(many)).toHaveLength(maxQueryTerms);
    expect(searchTerms('x'.repeat(10_000))[0]).toHaveLength(64);
  });
});

describe('query expressions', () => {
  it('quotes every FTS5 term and doubles inner quotes', () => {
    const words = (terms: string[], mode: 'all' | 'any', prefix = true) =>
      fts5MatchExpression({ terms, mode, prefix });
    expect(words(['vpn', 'drops'], 'all')).toBe('"vpn" AND ("drops" OR "drops"*)');
    expect(words(['vpn', 'drops'], 'any')).toBe('"vpn" OR "drops" OR "drops"*');
    expect(words(['a"b', 'up'], 'all')).toBe('"a""b" AND "up"');
    // A last word shorter than three letters is matched whole only.
    expect(words(['vpn', 'up'], 'all')).toBe('"vpn" AND "up"');
  });

  it('reads the last word as a prefix only when asked to', () => {
    expect(fts5MatchExpression({ terms: ['vpn', 'drops'], mode: 'all', prefix: false })).toBe(
      '"vpn" AND "drops"',
    );
  });

  it('joins websearch terms with spaces or the word or', () => {
    expect(websearchText(['vpn', 'drops'], 'all')).toBe('vpn drops');
    expect(websearchText(['vpn', 'drops'], 'any')).toBe('vpn or drops');
  });

  it('removes NUL and lone surrogates from bound filter values', () => {
    expect(bindableText('net\u0000work')).toBe('network');
    expect(bindableText('a\uD800b')).toBe('a\uFFFDb');
    expect(bindableText('ok 🙂')).toBe('ok 🙂');
  });
});
