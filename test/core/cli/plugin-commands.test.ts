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

  it('hands a command its positional arguments and shows them in the usage', async () => {
    const run = await runCli(['count', 'rows', 'row 1', '--config', configPath]);
    expect(run.stderr).toBe('');
    expect(run.lines).toEqual(['counting rows row 1']);
    const short = await runCli(['count', 'labels', '--config', configPath]);
    expect(short.lines).toEqual(['counting labels']);
    const help = await runCli(['help', '--config', configPath]);
    expect(help.lines.join('\n')).toMatch(/count +<rows\|labels> \[label\]/);
  });

  it.each([
    ['a missing argument', [], /missing <what> \(What to count\): one of rows, labels/],
    ['a value outside the choices', ['tables'], /what "tables" is not one of rows, labels/],
    [
      'an extra argument',
      ['rows', 'a', 'b'],
      /unexpected argument "b"; usage: count rows\|labels label/,
    ],
  ])('refuses %s with exit code 1', async (_label, positionals, message) => {
    const run = await runCli(['count', ...positionals, '--config', configPath]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.lines).toEqual([]);
  });

  it('refuses positionals for a command that declares none', async () => {
    const run = await runCli(['add-rows', 'extra', '--config', configPath]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/extra/);
  });

  it('PLUGIN_INVALID_COMMAND for a required argument after an optional one', () => {
    expect(() =>
      defineCommand({
        name: 'x',
        description: 'x',
        arguments: [
          { name: 'a', description: 'a', optional: true },
          { name: 'b', description: 'b' },
        ],
        run: () => 0,
      }),
    ).toThrow(/a required argument may not follow an optional one/);
  });

  it.each([
    ['a built-in name', [{ id: 'a', name: 'serve' }]],
    ['the built-in new, which loads no config', [{ id: 'a', name: 'new' }]],
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
