import { describe, expect, it } from 'vitest';
import { demoConfigPath, runCli, useTemporaryDatabaseUrl } from '../../../core/cli/run-cli.js';

describe('servicedesk-mcp seed', () => {
  useTemporaryDatabaseUrl();

  it('seeds an empty desk with the asked number of tickets, then leaves it alone', async () => {
    const first = await runCli(['seed', '--config', demoConfigPath, '--tickets', '40']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.lines.at(-1)).toMatch(
      /^seeded the demo desk: 40 tickets, [\d,]+ notes in [\d.]+ s \(sqlite\)$/,
    );
    const second = await runCli(['seed', '--config', demoConfigPath]);
    expect(second.code).toBe(0);
    expect(second.lines).toEqual([
      'not seeded: the desk already has data; demo data is seeded only into an empty desk',
    ]);
  });

  it('refuses a ticket count that is not a whole number', async () => {
    const run = await runCli(['seed', '--config', demoConfigPath, '--tickets', 'many']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--tickets must be a whole number/);
  });
});
