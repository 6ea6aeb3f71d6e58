import { parseArgs } from 'node:util';
import type { ServerConfig } from '../config/define-config.js';
import type { PluginCommand } from '../plugin/define-command.js';
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
      const options = Object.entries(command.options)
        .map(([name, option]) =>
          option.type === 'boolean' ? `[--${name}]` : `[--${name} <value>]`,
        )
        .join(' ');
      return `  ${command.name.padEnd(9)} ${options.padEnd(40)} ${command.description} (plugin ${plugin.id})`;
    }),
  );
}

/**
 * Runs a plugin command on a migrated, set-up server (not listening), then closes it.
 */
export async function runPluginCommand(
  command: PluginCommand,
  args: readonly string[],
  context: { config: ServerConfig; env: NodeJS.ProcessEnv; out: (line: string) => void },
): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      config: { type: 'string', short: 'c' },
      ...Object.fromEntries(
        Object.entries(command.options).map(([name, option]) => [name, { type: option.type }]),
      ),
    },
    strict: true,
  });
  const server = await createServer(context.config, { env: context.env, purpose: 'command' });
  try {
    return await command.run({
      db: server.db,
      engine: server.settings.storage.engine,
      services: server.services,
      options: values,
      log: server.log,
      out: context.out,
    });
  } finally {
    await server.close();
  }
}
