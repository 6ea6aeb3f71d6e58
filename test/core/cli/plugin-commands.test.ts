import { describe, expect, it } from 'vitest';
import { defineCommand, definePlugin } from '../../../core/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { runCli, useTemporaryDatabaseUrl } from './run-cli.js';

const configPath = 'test/core/cli/fixtures/commands.config.ts';

describe('commands contributed by plugins', () => {
  useTemporaryDatabaseUrl();

  it('runs a plugin command on the migrated database with its own options', async () => {
    const run = await runCli(['add-rows', '--config', configPath, '--count', '3']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.lines).toEqual(['counter_rows now holds 3 row(s)']);
  });

  it('lists plugin commands in the usage and refuses unknown ones with exit code 2', async () => {
    const help = await runCli(['help', '--config', configPath]);
    expect(help.code).toBe(0);
    expect(help.lines.join('\n')).toMatch(
      /add-rows .*--count <value>.*Adds rows to the counter table \(plugin counter\)/,
    );
    const unknown = await runCli(['remove-rows', '--config', configPath]);
    expect(unknown.code).toBe(2);
  });

  it('rejects an option the command does not declare', async () => {
    const run = await runCli(['add-rows', '--config', configPath, '--bogus', 'x']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bogus/);
  });

  it.each([
    ['a built-in name', [{ id: 'a', name: 'serve' }]],
    ['a name that is not kebab-case', [{ id: 'a', name: 'Seed_Data' }]],
    [
      'a name two plugins declare',
      [
        { id: 'a', name: 'seed' },
        { id: 'b', name: 'seed' },
      ],
    ],
  ])('PLUGIN_INVALID_COMMAND for %s', async (_label, specs) => {
    const plugins = specs.map(({ id, name }) =>
      definePlugin({
        id,
        version: '1.0.0',
        commands: [defineCommand({ name, description: 'x', run: () => 0 })],
      }),
    );
    const error = await expectStartupError({ plugins, collections: [] }, 'PLUGIN_INVALID_COMMAND');
    expect(error.message).toMatch(/declares command/);
  });
});
