import { describe, expect, it } from 'vitest';
import { learnedExpansions } from '../../../../plugins/ai-assist/scoring/learned-expansion.js';

describe('learnedExpansions', () => {
  it('gives each document the query words of the history it resolved, once per query', () => {
    const expansions = learnedExpansions([
      { query: 'Cannot reach the intranet from home', documentId: 'kb-vpn' },
      { query: 'Printer out of toner', documentId: 'kb-print' },
      { query: 'intranet unreachable, intranet down', documentId: 'kb-vpn' },
    ]);
    expect(Object.fromEntries(expansions)).toEqual({
      'kb-vpn': 'cannot reach intranet home intranet unreachable',
      'kb-print': 'printer toner',
    });
  });

  it('keeps only the newest queries of each document, in order', () => {
    const history = ['alpha', 'bravo', 'charlie', 'delta'].map((query) => ({
      query,
      documentId: 'd',
    }));
    expect(learnedExpansions(history, { maxQueriesPerDocument: 2 }).get('d')).toBe('charlie delta');
    expect(learnedExpansions(history).get('d')).toBe('alpha bravo charlie delta');
  });

  it('caps each query at the 16 words the search sends', () => {
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const expansion = learnedExpansions([{ query: long, documentId: 'd' }]).get('d')!;
    expect(expansion.split(' ')).toHaveLength(16);
  });

  it('leaves out documents whose queries hold only stop words, and an empty history', () => {
    expect(learnedExpansions([{ query: 'how do I', documentId: 'd' }]).size).toBe(0);
    expect(learnedExpansions([]).size).toBe(0);
  });
});
