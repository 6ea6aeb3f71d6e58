import { describe, expect, it } from 'vitest';
import { parseSince } from '../../../core/cli/commands/audit.js';
import { hasErrorCode } from '../../../core/errors/servicedesk-error.js';
import { demoConfigPath, runCli, useTemporaryDatabaseUrl } from './run-cli.js';

useTemporaryDatabaseUrl();

describe('servicedesk-mcp command line', () => {
  it.each([[[]], [['help']], [['--help']]])('prints usage and exits 0 for %j', async (argv) => {
    const run = await runCli(argv);
    expect(run.code).toBe(0);
    expect(run.lines.join('\n')).toMatch(/^Usage: servicedesk-mcp <command> \[options\]/);
    for (const command of ['serve', 'migrate', 'tools', 'audit', 'clients', 'token', 'new'])
      expect(run.lines.join('\n')).toContain(`  ${command} `);
  });

  it('prints usage and exits 2 for an unknown command', async () => {
    const run = await runCli(['deploy']);
    expect(run.code).toBe(2);
    expect(run.lines.join('\n')).toMatch(/^Usage:/);
  });

  it('exits 1 for an unknown option', async () => {
    const run = await runCli(['tools', '--collection', 'user', '--colour']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^servicedesk-mcp tools: .*--colour/);
  });

  it('refuses an option that belongs to another command, before opening anything', async () => {
    const run = await runCli(['tools', '--collection', 'user', '--since', '1h']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^servicedesk-mcp tools: .*--since/);
  });

  it('refuses a positional argument to a command that takes none', async () => {
    const run = await runCli(['migrate', 'now', '--config', demoConfigPath]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('now');
  });

  it('exits 1 naming a config file that does not exist', async () => {
    const run = await runCli(['migrate', '--config', 'no/such/servicedesk.config.ts']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'CONFIG_INVALID: config file no/such/servicedesk.config.ts does not exist',
    );
  });

  it('exits 1 for a file that is not a config', async () => {
    const run = await runCli(['migrate', '--config', 'core/cli/command.ts']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/must export default defineConfig/);
  });

  it('reads the demo config by path', async () => {
    const run = await runCli(['tools', '--collection', 'nope', '-c', demoConfigPath]);
    // Loaded: the failure is about the collection, not the file.
    expect(run.stderr).toContain('no collection "nope"');
  });
});

describe('parseSince', () => {
  const now = Date.UTC(2026, 10, 1, 12, 0, 0);
  it.each([
    ['90s', now - 90_000],
    ['15m', now - 15 * 60_000],
    ['1h', now - 3_600_000],
    [' 7d ', now - 7 * 86_400_000],
    ['0m', now],
    ['2026-11-01T09:00Z', Date.UTC(2026, 10, 1, 9, 0)],
    ['2026-10-31', Date.UTC(2026, 9, 31)],
  ])('%j is %s', (value, expected) => {
    expect(parseSince(value, now).getTime()).toBe(expected);
  });

  it.each(['1w', 'h', '-1h', 'soon', ''])('refuses %j with CONFIG_INVALID', (value) => {
    let thrown: unknown;
    try {
      parseSince(value, now);
    } catch (error) {
      thrown = error;
    }
    expect(hasErrorCode(thrown, 'CONFIG_INVALID')).toBe(true);
    expect((thrown as Error).message).toContain(`--since "${value}"`);
  });
});
