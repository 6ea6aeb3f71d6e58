import { parseArgs } from 'node:util';
import type { ServerConfig } from '../config/define-config.js';
import type { CommandArgument, PluginCommand } from '../plugin/define-command.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { createServer } from '../server/create-server.js';

/** The plugin command called `name` in `config`, if any. */
export function findPluginCommand(config: ServerConfig, name: string): PluginCommand | undefined {
  for (const plugin of config.plugins) {
    const command = plugin.commands?.find((c) => c.name === name);
    if (command) return command;
  }
  return undefined;
}

/** Usage lines for the plugin commands of `config`. */
export function pluginCommandUsage(config: ServerConfig): string[] {
  return config.plugins.flatMap((plugin) =>
    (plugin.commands ?? []).map((command) => {
      const positionals = command.arguments.map((argument) => {
        const shown = argument.choices?.join('|') ?? argument.name;
        return argument.optional === true ? `[${shown}]` : `<${shown}>`;
      });
      const options = [
        ...positionals,
        ...Object.entries(command.options).map(([name, option]) =>
          option.type === 'boolean' ? `[--${name}]` : `[--${name} <value>]`,
        ),
      ].join(' ');
      return `  ${command.name.padEnd(9)} ${options.padEnd(40)} ${command.description} (plugin ${plugin.id})`;
    }),
  );
}

/**
 * Refuses missing, extra or unlisted positional arguments before anything is opened — for plugin
 * commands and the built-in ones alike.
 *
 * @example
 * checkPositionals({ name: 'clients', arguments: [{ name: 'action', description: '…', choices: ['list'] }] }, ['list']);
 */
export function checkPositionals(
  command: { readonly name: string; readonly arguments: readonly CommandArgument[] },
  positionals: readonly string[],
): void {
  const usage = command.arguments.map((a) => a.choices?.join('|') ?? a.name).join(' ');
  if (positionals.length > command.arguments.length) {
    throw new ServiceDeskError(
      'CLI_USAGE',
      `unexpected argument "${positionals[command.arguments.length]}"; usage: ${command.name} ${usage}`,
    );
  }
  command.arguments.forEach((argument, index) => {
    const value = positionals[index];
    if (value === undefined) {
      if (argument.optional === true) return;
      throw new ServiceDeskError(
        'CLI_USAGE',
        `missing <${argument.name}> (${argument.description})` +
          (argument.choices === undefined ? '' : `: one of ${argument.choices.join(', ')}`),
      );
    }
    if (argument.choices !== undefined && !argument.choices.includes(value)) {
      throw new ServiceDeskError(
        'CLI_USAGE',
        `${argument.name} "${value}" is not one of ${argument.choices.join(', ')}`,
      );
    }
  });
}

/**
 * Runs a plugin command on a migrated, set-up server (not listening), then closes it.
 */
export async function runPluginCommand(
  command: PluginCommand,
  args: readonly string[],
  context: { config: ServerConfig; env: NodeJS.ProcessEnv; out: (line: string) => void },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      config: { type: 'string', short: 'c' },
      ...Object.fromEntries(
        Object.entries(command.options).map(([name, option]) => [name, { type: option.type }]),
      ),
    },
    strict: true,
    allowPositionals: command.arguments.length > 0,
  });
  checkPositionals(command, positionals);
  const server = await createServer(context.config, { env: context.env, purpose: 'command' });
  try {
    return await command.run({
      db: server.db,
      engine: server.settings.storage.engine,
      services: server.services,
      options: values,
      positionals,
      log: server.log,
      out: context.out,
    });
  } finally {
    await server.close();
  }
}
