import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, useTemporaryDatabaseUrl } from '../../../core/cli/run-cli.js';
import { createTempFolder } from '../../../helpers/temp-folder.js';

const config = ['--config', 'test/plugins/ai-assist/fixtures/ai-assist.config.ts'];

describe('servicedesk-mcp eval export on the demo desk', () => {
  useTemporaryDatabaseUrl();
  const folder = createTempFolder('ai-assist-eval');
  afterAll(() => folder.remove());

  it('refuses an empty desk', async () => {
    const run = await runCli(['eval', 'export', ...config, '--out', folder.file('empty')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/too few resolved tickets.*servicedesk-mcp seed/);
  });

  it('writes a held-out split of the resolved history that both eval commands read', async () => {
    expect((await runCli(['seed', ...config, '--tickets', '400'])).code).toBe(0);
    const out = folder.file('set');
    const exported = await runCli([
      'eval',
      'export',
      ...config,
      '--out',
      out,
      '--test-share',
      '0.25',
    ]);
    expect(exported.stderr).toBe('');
    const [, train, test] = /wrote (\d+) training and (\d+) test tickets/.exec(
      exported.lines.at(-1) ?? '',
    )!;
    expect(Number(test) / (Number(train) + Number(test))).toBeCloseTo(0.25, 1);
    const trainRecords = readFileSync(join(out, 'train.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; team: string; priority: string });
    expect(trainRecords).toHaveLength(Number(train));
    expect(trainRecords[0]).toMatchObject({ team: expect.any(String), priority: /^[1-4]$/ });
    // Split by time: every test ticket is newer (a higher id) than every training ticket.
    const testIds = readFileSync(join(out, 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => Number((JSON.parse(line) as { id: string }).id));
    expect(Math.min(...testIds)).toBeGreaterThan(
      Math.max(...trainRecords.map((r) => Number(r.id))),
    );

    const suggestions = await runCli([
      'eval',
      'suggestions',
      ...config,
      '--train',
      join(out, 'train.jsonl'),
      '--test',
      join(out, 'test.jsonl'),
    ]);
    expect(suggestions.code).toBe(0);
    // A field the learned classifier predicts says so: "team (learned): accuracy …".
    const accuracy = (field: string) => {
      const pattern = new RegExp(`^${field}(?: \\(learned\\))?: accuracy ([\\d.]+)`);
      return Number(suggestions.lines.map((line) => pattern.exec(line)?.[1]).find(Boolean));
    };
    // Each demo ticket template has one category and team: similar text finds them.
    expect(accuracy('category')).toBeGreaterThan(0.9);
    expect(accuracy('team')).toBeGreaterThan(0.9);
    expect(accuracy('priority')).toBeGreaterThan(0.4);

    const retrieval = await runCli([
      'eval',
      'retrieval',
      ...config,
      '--corpus',
      join(out, 'corpus.jsonl'),
      '--queries',
      join(out, 'queries.jsonl'),
      '--qrels',
      join(out, 'qrels.jsonl'),
    ]);
    expect(retrieval.stderr).toBe('');
    expect(retrieval.code).toBe(0);
    // The split is the export's own: every older ticket is history, every newer one a test.
    expect(retrieval.lines[0]).toBe(
      `retrieval: ${train} documents, ${Number(train) + Number(test)} queries: ` +
        `${train} history, ${test} test (by the split column)`,
    );
    const mrr = (ranker: string) =>
      Number(retrieval.lines.find((line) => line.startsWith(`${ranker} `))?.split(/\s+/)[4]);
    expect(mrr('BM25')).toBeGreaterThan(0.5);
    expect(mrr('BM25F+learned')).toBeGreaterThan(0.5);
    const queries = readFileSync(join(out, 'queries.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(queries[0]!)).toMatchObject({ split: 'train' });
    expect(JSON.parse(queries.at(-1)!)).toMatchObject({ split: 'test' });
    // A history ticket was resolved by one older ticket: the newest with its note.
    const trainIds = new Set(trainRecords.map((r) => r.id));
    const historyQrels = readFileSync(join(out, 'qrels.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { queryId: string; docId: string })
      .filter((qrel) => trainIds.has(qrel.queryId));
    expect(historyQrels.length).toBeGreaterThan(Number(train) / 2);
    expect(new Set(historyQrels.map((qrel) => qrel.queryId)).size).toBe(historyQrels.length);
    expect(historyQrels.every((qrel) => Number(qrel.docId) < Number(qrel.queryId))).toBe(true);
    const corpus = readFileSync(join(out, 'corpus.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(corpus[0]!)).toEqual({
      id: trainRecords[0]!.id,
      title: expect.any(String),
      text: expect.any(String),
    });
  }, 60_000);
});
