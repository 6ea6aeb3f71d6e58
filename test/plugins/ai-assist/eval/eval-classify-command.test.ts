import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../plugins/ai-assist/learning/seeded-random.js';
import { runCli, useTemporaryDatabaseUrl } from '../../../core/cli/run-cli.js';

const config = ['--config', 'test/plugins/ai-assist/fixtures/ai-assist.config.ts'];
const topics: Record<string, string[]> = {
  network: ['vpn', 'router', 'wifi', 'firewall'],
  printing: ['printer', 'toner', 'paper', 'scanner'],
  accounts: ['password', 'login', 'locked', 'mfa'],
};
const filler = ['please', 'help', 'today', 'office', 'again'];

/**
 * 150 training rows and 30 test rows (10 per team), each text two words of its team's topic
 * among filler, written as a quoted CSV field with a comma; priority is given on half the rows.
 */
function csv(): string {
  const random = seededRandom(7);
  const pick = (items: readonly string[]) => items[Math.floor(random() * items.length)] as string;
  const teams = Object.keys(topics);
  const lines = ['id,title,body,team,priority,split'];
  for (let i = 0; i < 180; i += 1) {
    const team = teams[i % 3] as string;
    const own = topics[team] as string[];
    const split = i < 150 ? 'train' : 'test';
    lines.push(
      `${i},"${pick(own)}, ${pick(filler)}",${pick(filler)} ${pick(own)},${team},${i % 2 === 0 ? 'high' : ''},${split}`,
    );
  }
  lines.push('999,,,network,,train');
  return lines.join('\r\n');
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'classify-'));
  await writeFile(join(dir, 'set.csv'), csv());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('servicedesk-mcp eval classify', () => {
  useTemporaryDatabaseUrl();

  it('prints one row per method on the set’s own split, with known answers', async () => {
    const run = await runCli([
      'eval',
      'classify',
      ...config,
      '--data',
      join(dir, 'set.csv'),
      '--text-fields',
      'title,body',
      '--label',
      'team,priority',
      '--split-field',
      'split',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [head, ...rest] = run.lines;
    expect(head).toBe(
      'classify: set.csv, split = test held out; 150 training and 30 test rows; 1 skipped without text',
    );
    expect(rest.slice(0, 3)).toEqual([
      'team: 150 training and 30 test rows, 3 classes; threshold 0.85',
      '  method        accuracy  macro-F1  applied  accuracy-applied',
      // Teams are balanced; the tie goes to the label that sorts first. F1 accounts = 2·(1/3)/(4/3) = 0.5.
      '  majority         0.333     0.167',
    ]);
    expect(rest[3]).toMatch(/^ {2}tfidf-knn-5 {6}[01]\.\d{3} {5}[01]\.\d{3}$/);
    expect(rest[5]).toMatch(
      /^ {2}bm25-vote {8}[01]\.\d{3} {5}[01]\.\d{3} +\d+\.\d%  +[01]\.\d{3}$/,
    );
    // Every text names its team twice: the learned classifier gets them all, and applies them all.
    expect(rest[6]).toBe('  learned          1.000     1.000   100.0%             1.000');
    expect(rest[7]).toMatch(
      /^ {2}learned - tfidf-knn-10: \+\d+\.\d accuracy points, \+\d+\.\d macro-F1 points$/,
    );
    expect(rest[8]).toMatch(
      /^ {2}learned model: \d+ features, temperature \d+\.\d\d, \d+\.\d MB, trained in/,
    );
    // Priority is on every other row, all "high": one class, so no classifier; 90 rows skipped.
    expect(rest).toContain('priority: 75 training and 15 test rows, 1 class; threshold 0.85');
    expect(rest).toContain('  90 rows without priority skipped');
    expect(rest).toContain(
      '  learned: too few training rows to train (fewer than 40 or one class); the vote stands in',
    );
  });

  it('holds out by hash of id without a split column, and names a missing column', async () => {
    const run = await runCli([
      'eval',
      'classify',
      ...config,
      '--data',
      join(dir, 'set.csv'),
      '--text-fields',
      'title',
      '--label',
      'team',
      '--test-share',
      '0.25',
    ]);
    expect(run.code).toBe(0);
    expect(run.lines[0]).toMatch(
      /^classify: set\.csv, 25% held out by hash of id; \d+ training and \d+ test rows/,
    );
    const bad = await runCli([
      'eval',
      'classify',
      ...config,
      '--data',
      join(dir, 'set.csv'),
      '--text-fields',
      'subject',
      '--label',
      'team',
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(
      /set\.csv: no column "subject"; its columns are id, title, body, team, priority, split/,
    );
  });
});
