import { describe, expect, it } from 'vitest';
import { runCli, useTemporaryDatabaseUrl } from '../../../core/cli/run-cli.js';

const fixtures = 'test/plugins/ai-assist/fixtures';
const config = ['--config', `${fixtures}/ai-assist.config.ts`];
const file = (name: string) => `${fixtures}/${name}`;

describe('servicedesk-mcp eval suggestions', () => {
  useTemporaryDatabaseUrl();

  it('prints accuracy and macro-F1 per field — figures worked out by hand', async () => {
    const run = await runCli([
      'eval',
      'suggestions',
      ...config,
      '--train',
      file('train.jsonl'),
      '--test',
      file('test.jsonl'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // team: q1 network ✓, q2 hardware ✓, q3 ties network/service-desk (equal BM25 scores; the
    // earlier record wins) ✗, q4 matches nothing ✗ → accuracy 0.5; F1 network 2/3, hardware 2/3,
    // service-desk 0 → 0.444. Category (q4 has none): network ✓, printing ✓, accounts→network ✗
    // → 0.667; F1 2/3, 1, 0 → 0.556. Priority is right on all three.
    // At 0.6: team and category of q3 are 50/50 and held back; q1's priority share is 0.721.
    expect(run.lines).toEqual([
      'suggestions: 5 training and 4 test records; 10 neighbours vote, threshold 0.6',
      'category: accuracy 0.667, macro-F1 0.556 (n=3); at threshold: applied 66.7%, accuracy 1.000',
      'priority: accuracy 1.000, macro-F1 1.000 (n=3); at threshold: applied 100.0%, accuracy 1.000',
      'team: accuracy 0.500, macro-F1 0.444 (n=4); at threshold: applied 50.0%, accuracy 1.000',
    ]);
  });

  it('takes the number of neighbours and the threshold as options', async () => {
    const run = await runCli([
      'eval',
      'suggestions',
      ...config,
      '--train',
      file('train.jsonl'),
      '--test',
      file('test.jsonl'),
      '--neighbours',
      '1',
      '--threshold',
      '0.5',
    ]);
    expect(run.code).toBe(0);
    expect(run.lines[0]).toBe(
      'suggestions: 5 training and 4 test records; 1 neighbours vote, threshold 0.5',
    );
    // One neighbour: q3 takes t2's labels alone, at full confidence.
    expect(run.lines[3]).toBe(
      'team: accuracy 0.500, macro-F1 0.444 (n=4); at threshold: applied 75.0%, accuracy 0.667',
    );
  });

  it.each([
    [['--train', file('bad-json.jsonl')], /bad-json\.jsonl line 2: not valid JSON/],
    [['--train', file('missing-text.jsonl')], /missing-text\.jsonl line 3: text: /],
    [['--train', file('no-such-file.jsonl')], /cannot read .*no-such-file\.jsonl: ENOENT/],
    [['--test', file('test.jsonl')], /--train <file\.jsonl> is required/],
    [
      ['--train', file('train.jsonl'), '--threshold', '2'],
      /--threshold must be a number from 0 to 1, got "2"/,
    ],
  ])('refuses bad input %j with the file and line', async (args, message) => {
    const run = await runCli([
      'eval',
      'suggestions',
      ...config,
      '--test',
      file('test.jsonl'),
      ...args,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  it('refuses a file that repeats an id, naming both lines', async () => {
    const run = await runCli([
      'eval',
      'suggestions',
      ...config,
      '--train',
      file('train.jsonl'),
      '--test',
      file('corpus-duplicate.jsonl'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/corpus-duplicate\.jsonl line 2: id "t1" already appears on line 1/);
  });
});

describe('servicedesk-mcp eval retrieval', () => {
  useTemporaryDatabaseUrl();

  it('prints recall@1/5/10, MRR@10 and nDCG@10 — figures worked out by hand', async () => {
    const run = await runCli([
      'eval',
      'retrieval',
      ...config,
      '--corpus',
      file('corpus.jsonl'),
      '--queries',
      file('queries.jsonl'),
      '--qrels',
      file('qrels.jsonl'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // q1 ranks t1 (2), t2 (1): recall@1 1/2, MRR 1, nDCG 1. q2 ranks t3, t4 (1): recall@1 0,
    // MRR 1/2, nDCG 1/log2 3. q3 ties t2, t5 (1) and t2 comes first: the same as q2. q4 has no
    // relevant document and is not scored.
    const ndcg = (1 + 2 / Math.log2(3)) / 3;
    expect(run.lines).toEqual([
      'retrieval: 5 documents, 4 queries (3 with a relevant document)',
      'recall@1 0.167',
      'recall@5 1.000',
      'recall@10 1.000',
      'MRR@10 0.667',
      `nDCG@10 ${ndcg.toFixed(3)}`,
    ]);
    expect(ndcg.toFixed(3)).toBe('0.754');
  });

  it('refuses judgements about a document the corpus does not hold', async () => {
    const run = await runCli([
      'eval',
      'retrieval',
      ...config,
      '--corpus',
      file('corpus.jsonl'),
      '--queries',
      file('queries.jsonl'),
      '--qrels',
      file('unknown-doc-qrels.jsonl'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /unknown-doc-qrels\.jsonl line 2: docId "t99" is not in .*corpus\.jsonl/,
    );
  });
});

describe('servicedesk-mcp eval <mode>', () => {
  useTemporaryDatabaseUrl();

  it.each([
    [
      ['eval', 'rankings'],
      /mode "rankings" is not one of suggestions, retrieval, export, classify/,
    ],
    [['eval'], /missing <mode>.*one of suggestions, retrieval, export, classify/],
    [
      ['eval', 'retrieval', '--train', file('train.jsonl')],
      /eval retrieval does not take --train; its options are --corpus, --queries, --qrels/,
    ],
  ])('refuses %j, naming what it takes', async (args, message) => {
    const run = await runCli([...args, ...config]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(message);
  });

  it('lists the modes in the usage, where the old eval-suggestions is no command', async () => {
    const run = await runCli(['eval-suggestions', ...config, '--train', file('train.jsonl')]);
    expect(run.code).toBe(2);
    expect(run.lines.join('\n')).toMatch(/eval\s+<suggestions\|retrieval\|export\|classify>/);
  });
});
