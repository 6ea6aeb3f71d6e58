import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readRetrievalSet } from '../../../../plugins/ai-assist/eval/retrieval-set.js';
import { createTempFolder } from '../../../helpers/temp-folder.js';

describe('readRetrievalSet', () => {
  const folder = createTempFolder('retrieval-set');
  afterAll(() => folder.remove());
  const write = (name: string, text: string) => {
    writeFileSync(folder.file(name), text);
    return folder.file(name);
  };

  it("reads BEIR's shape: _id, title and text; query-id, corpus-id and score in a TSV", async () => {
    const set = await readRetrievalSet({
      corpus: write(
        'corpus.jsonl',
        '{"_id": "d1", "title": "Reset a password", "text": "Open the portal."}\n' +
          '{"_id": 2, "title": "", "text": "Printer queue"}\n',
      ),
      queries: write('queries.jsonl', '{"_id": "q1", "text": "forgot password"}\n'),
      qrels: write('qrels.tsv', 'query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\t2\t0\n'),
    });
    expect(set.documents).toEqual([
      { id: 'd1', title: 'Reset a password', body: 'Open the portal.' },
      { id: '2', title: '', body: 'Printer queue' },
    ]);
    expect(set.queries).toEqual([{ id: 'q1', text: 'forgot password', split: undefined }]);
    expect(set.qrels).toEqual([
      { queryId: 'q1', docId: 'd1', relevance: 2 },
      { queryId: 'q1', docId: '2', relevance: 0 },
    ]);
  });

  it('joins several text columns, reads a split, and takes every listed pair as relevant without a relevance column', async () => {
    const set = await readRetrievalSet({
      corpus: write('kb.csv', 'key,subject,body,extra\nk1,VPN,"Line one, quoted",More\n'),
      queries: write('asked.csv', 'key,body,extra,fold\nq1,vpn drops,,train\nq2,vpn,again,\n'),
      qrels: write('pairs.csv', 'qid,docid\nq1,k1\n'),
      idField: 'key',
      titleField: 'subject',
      textFields: ['body', 'extra'],
      splitField: 'fold',
    });
    expect(set.documents).toEqual([{ id: 'k1', title: 'VPN', body: 'Line one, quoted\nMore' }]);
    expect(set.queries).toEqual([
      { id: 'q1', text: 'vpn drops', split: 'train' },
      { id: 'q2', text: 'vpn\nagain', split: undefined },
    ]);
    expect(set.qrels).toEqual([{ queryId: 'q1', docId: 'k1', relevance: 1 }]);
  });

  it.each([
    ['a repeated id', { corpus: 'dup.csv' }, /dup\.csv line 3: id "d1" already appears on line 2/],
    ['a missing split column', { splitField: 'fold' }, /queries\.csv: no column "fold"/],
    ['qrels without a document column', { qrels: 'odd.csv' }, /odd\.csv: no docId or corpus-id/],
  ])('refuses %s', async (_, override, message) => {
    write('dup.csv', 'id,text\nd1,a\nd1,b\n');
    write('odd.csv', 'queryId,doc\nq1,d1\n');
    const files = {
      corpus: write('corpus.csv', 'id,text\nd1,printer\n'),
      queries: write('queries.csv', 'id,text\nq1,printer\n'),
      qrels: write('qrels.csv', 'queryId,docId,relevance\nq1,d1,1\n'),
    };
    const named = Object.fromEntries(
      Object.entries(override).map(([key, value]) => [
        key,
        key === 'splitField' ? value : folder.file(value),
      ]),
    );
    await expect(readRetrievalSet({ ...files, ...named })).rejects.toThrow(message);
  });
});
