import { describe, expect, it } from 'vitest';
import { idShare } from '../../../../plugins/ai-assist/scoring/id-share.js';
import { splitQueries } from '../../../../plugins/ai-assist/eval/query-split.js';

const options = { historyValue: 'train', testValue: 'test', historyShare: 0.5 };
const query = (id: string, split?: string) => ({ id, text: id, split });

describe('splitQueries', () => {
  it("follows the set's own split, in file order, leaving other splits unused", () => {
    const split = splitQueries(
      [query('a', 'test'), query('b', 'train'), query('c', 'dev'), query('d'), query('e', 'train')],
      options,
    );
    expect(split.history.map((q) => q.id)).toEqual(['b', 'e']);
    expect(split.test.map((q) => q.id)).toEqual(['a']);
    expect(split).toMatchObject({ unused: 2, by: 'split' });
  });

  it('divides by the id hash without split values, every query on exactly one side', () => {
    const queries = Array.from({ length: 200 }, (_, i) => query(`q${i}`));
    const split = splitQueries(queries, { ...options, historyShare: 0.3 });
    expect(split.by).toBe('hash');
    expect(split.history.length + split.test.length).toBe(200);
    expect(split.history.every((q) => idShare(q.id) < 0.3)).toBe(true);
    expect(split.test.every((q) => idShare(q.id) >= 0.3)).toBe(true);
    expect(split.history.length).toBeGreaterThan(40);
    expect(split.history.length).toBeLessThan(80);
    expect(splitQueries(queries, { ...options, historyShare: 0 }).history).toEqual([]);
  });
});
