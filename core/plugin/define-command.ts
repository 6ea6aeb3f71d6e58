import type { Logger } from '../log/logger.js';
import type { Database, DatabaseEngine } from '../storage/database.js';
import type { ServiceLocator } from './service-ref.js';

/** The CLI's own commands, which plugins may not reuse. */
export const builtInCommandNames: readonly string[] = Object.freeze([
  'serve',
  'migrate',
  'tools',
  'audit',
  'help',
]);

/** One option of a plugin command, parsed from `--name value` (or `--name` for booleans). */
export interface CommandOption {
  readonly type: 'string' | 'boolean';
  readonly description: string;
}

/** What a plugin command receives: a migrated, set-up server's database and services. */
export interface PluginCommandContext {
  readonly db: Database;
  readonly engine: DatabaseEngine;
  readonly services: ServiceLocator;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
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
 */
export function defineCommand(
  spec: Omit<PluginCommand, 'kind' | 'options'> & { options?: PluginCommand['options'] },
): PluginCommand {
  return Object.freeze({
    kind: 'command' as const,
    ...spec,
    options: Object.freeze({ ...spec.options }),
  });
}
