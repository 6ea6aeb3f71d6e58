import { describe, expect, it } from 'vitest';
import { createBm25Ranker } from '../../../../plugins/ai-assist/scoring/bm25-ranker.js';
import {
  createBm25fRanker,
  defaultBm25fFields,
} from '../../../../plugins/ai-assist/scoring/bm25f-ranker.js';

const ids = (ranked: readonly { id: string }[]) => ranked.map((r) => r.id);

describe('createBm25fRanker', () => {
  it('ranks a document with the word in its title above one with it in its body', () => {
    const ranker = createBm25fRanker([
      { id: 'body', fields: { title: 'Printer setup', body: 'The VPN client needs a restart' } },
      { id: 'title', fields: { title: 'VPN client restart', body: 'Open the printer settings' } },
    ]);
    expect(ids(ranker.rank(['vpn'], 10))).toEqual(['title', 'body']);
  });

  it('scores by BM25F — computed by hand', () => {
    // Title weight 3, b 0.75; body weight 1, b 0.75; k1 1.2. Title lengths 2, 2 (mean 2);
    // body lengths 1, 3 (mean 2). d1: title "vpn" tf 1, norm 1 → 3; body "vpn" tf 1,
    // norm 0.25 + 0.75·1/2 = 0.625 → 1.6; tf~ 4.6. d2: body "vpn" tf 1, norm 0.25 + 0.75·3/2
    // = 1.375 → 0.7272727. df 2 of 2: idf ln(1 + 0.5/2.5) = ln 1.2 = 0.1823216.
    const ranked = createBm25fRanker([
      { id: 'd1', fields: { title: 'vpn drops', body: 'vpn' } },
      { id: 'd2', fields: { title: 'printer jam', body: 'vpn printer toner' } },
    ]).rank(['vpn'], 10);
    const score = (tf: number) => (Math.log(1.2) * tf * 2.2) / (tf + 1.2);
    expect(ids(ranked)).toEqual(['d1', 'd2']);
    expect(ranked[0]!.score).toBeCloseTo(score(4.6), 9);
    expect(ranked[1]!.score).toBeCloseTo(score(1 / 1.375), 9);
    expect(score(4.6)).toBeCloseTo(0.3181, 4);
  });

  it('finds a document by the words of its learned expansion alone', () => {
    const documents = [
      { id: 'kb-vpn', fields: { title: 'Remote access client', body: 'Reinstall the client' } },
      { id: 'kb-print', fields: { title: 'Printer queue', body: 'Clear the queue' } },
    ];
    expect(createBm25fRanker(documents).rank(['intranet', 'home'], 10)).toEqual([]);
    const learned = createBm25fRanker([
      { ...documents[0]!, fields: { ...documents[0]!.fields, learned: 'intranet home' } },
      documents[1]!,
    ]);
    expect(ids(learned.rank(['intranet', 'home'], 10))).toEqual(['kb-vpn']);
  });

  it('ignores a field of weight 0: it neither matches nor changes the other scores', () => {
    const documents = [
      { id: 'a', fields: { title: 'mouse', body: 'wireless mouse', learned: 'keyboard mouse' } },
      { id: 'b', fields: { title: 'screen', body: 'mouse pointer', learned: 'keyboard' } },
    ];
    const off = { ...defaultBm25fFields, learned: { weight: 0, b: 0.5 } };
    const ranker = createBm25fRanker(documents, { fields: off });
    expect(ranker.rank(['keyboard'], 10)).toEqual([]);
    const without = createBm25fRanker(
      documents.map(({ id, fields }) => ({
        id,
        fields: { title: fields.title, body: fields.body },
      })),
    );
    expect(ranker.rank(['mouse', 'keyboard'], 10)).toEqual(without.rank(['mouse', 'keyboard'], 10));
  });

  it('equals plain BM25 with one field of weight 1 (the others at 0)', () => {
    const texts = [
      'VPN drops at home every hour',
      'printer jam on the second floor',
      'vpn VPN slow after the update',
      'password reset for the vpn portal account',
    ];
    const only = {
      title: { weight: 0, b: 0.75 },
      body: { weight: 1, b: 0.75 },
      learned: { weight: 0, b: 0.5 },
    };
    const fielded = createBm25fRanker(
      texts.map((text, i) => ({ id: `d${i}`, fields: { title: 'ignored words', body: text } })),
      { fields: only },
    );
    const plain = createBm25Ranker(texts.map((text, i) => ({ id: `d${i}`, text })));
    for (const query of [['vpn'], ['vpn', 'home', 'portal'], ['printer', 'slow'], ['ignored']]) {
      const expected = plain.rank(query, 10);
      const got = fielded.rank(query, 10);
      expect(ids(got)).toEqual(ids(expected));
      got.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]!.score, 12));
    }
  });

  it('saturates once over all fields, so the same word in every field cannot swamp a rarer one', () => {
    const ranker = createBm25fRanker([
      { id: 'repeat', fields: { title: 'vpn vpn', body: 'vpn vpn vpn', learned: 'vpn vpn vpn' } },
      { id: 'both', fields: { title: 'vpn token', body: 'hardware token reset' } },
      ...['vpn gateway', 'vpn client', 'vpn split tunnel'].map((title, i) => ({
        id: `other${i}`,
        fields: { title, body: 'network' },
      })),
    ]);
    expect(ids(ranker.rank(['vpn', 'token'], 2))).toEqual(['both', 'repeat']);
  });

  it('breaks ties by corpus order, honours the limit and handles an empty corpus', () => {
    const ranker = createBm25fRanker([
      { id: 'b', fields: { title: 'mouse' } },
      { id: 'a', fields: { title: 'mouse' } },
    ]);
    expect(ids(ranker.rank(['mouse'], 10))).toEqual(['b', 'a']);
    expect(ids(ranker.rank(['mouse'], 1))).toEqual(['b']);
    expect(createBm25fRanker([]).rank(['mouse'], 10)).toEqual([]);
    expect(createBm25fRanker([]).size).toBe(0);
  });
});
