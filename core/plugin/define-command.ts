import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Logger } from '../log/logger.js';
import type { Database, DatabaseEngine } from '../storage/database.js';
import type { ServiceLocator } from './service-ref.js';

/** The CLI's own commands, which plugins may not reuse. */
export const builtInCommandNames: readonly string[] = Object.freeze([
  'serve',
  'migrate',
  'tools',
  'audit',
  'clients',
  'token',
  'new',
  'help',
]);

/** One option of a plugin command, parsed from `--name value` (or `--name` for booleans). */
export interface CommandOption {
  readonly type: 'string' | 'boolean';
  readonly description: string;
}

/**
 * One positional argument of a plugin command, in order (`eval suggestions`): required unless
 * `optional`; with `choices`, any other value is refused before the command runs.
 */
export interface CommandArgument {
  readonly name: string;
  readonly description: string;
  readonly choices?: readonly string[];
  readonly optional?: boolean;
}

/** What a plugin command receives: a migrated, set-up server's database and services. */
export interface PluginCommandContext {
  readonly db: Database;
  readonly engine: DatabaseEngine;
  readonly services: ServiceLocator;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  /** The positional arguments, checked against the command's `arguments`. */
  readonly positionals: readonly string[];
  readonly log: Logger;
  /** Writes one line to standard output. */
  readonly out: (line: string) => void;
}

/** A `servicedesk-mcp <name>` subcommand contributed by a plugin. */
export interface PluginCommand {
  readonly kind: 'command';
  /** kebab-case; must not clash with a built-in command or another plugin's. */
  readonly name: string;
  readonly description: string;
  readonly options: Readonly<Record<string, CommandOption>>;
  /** Positional arguments after the name, in order; none are accepted when empty. */
  readonly arguments: readonly CommandArgument[];
  /** Returns the exit code. */
  run(ctx: PluginCommandContext): Promise<number> | number;
}

/**
 * Declares a CLI subcommand for a plugin's `commands`.
 *
 * @example
 * defineCommand({ name: 'seed', description: 'Load demo data',
 *   options: { tickets: { type: 'string', description: 'How many tickets' } },
 *   run: async ({ db, options, out }) => { out(`seeded ${String(options.tickets)}`); return 0; } })
 * defineCommand({ name: 'eval', description: 'Measure quality',
 *   arguments: [{ name: 'kind', description: 'What to measure', choices: ['suggestions', 'retrieval'] }],
 *   run: ({ positionals: [kind] }) => (kind === 'suggestions' ? 0 : 1) })
 */
export function defineCommand(
  spec: Omit<PluginCommand, 'kind' | 'options' | 'arguments'> & {
    options?: PluginCommand['options'];
    arguments?: PluginCommand['arguments'];
  },
): PluginCommand {
  const args = spec.arguments ?? [];
  const firstOptional = args.findIndex((argument) => argument.optional === true);
  if (firstOptional >= 0 && args.slice(firstOptional).some((a) => a.optional !== true)) {
    throw new ServiceDeskError(
      'PLUGIN_INVALID_COMMAND',
      `command "${spec.name}": a required argument may not follow an optional one`,
    );
  }
  return Object.freeze({
    kind: 'command' as const,
    ...spec,
    options: Object.freeze({ ...spec.options }),
    arguments: Object.freeze(args.map((argument) => Object.freeze({ ...argument }))),
  });
}
