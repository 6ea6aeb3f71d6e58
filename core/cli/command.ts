import type { ServerConfig } from '../config/define-config.js';
import type { CommandArgument } from '../plugin/define-command.js';

/** What every CLI command receives. */
export interface CommandContext {
  readonly config: ServerConfig;
  /** Parsed options; a `multiple` option (such as `--redirect-uri`) gives a string array. */
  readonly options: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
  /** The positional arguments after the command name (e.g. `add` in `clients add`). */
  readonly positionals: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Writes one line to standard output. */
  readonly out: (line: string) => void;
}

/** One option of a built-in command, as `node:util` `parseArgs` takes it. */
export interface BuiltInOption {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  /** The value a string option takes when given bare (`--check` alone means `--check all`). */
  readonly bareValue?: string;
}

/**
 * A built-in command: its handler, the options it accepts (besides `--config`) and its
 * positional arguments, checked the same way as a plugin command's.
 *
 * @example
 * const tools: BuiltInCommand = { run: toolsCommand, options: { collection: { type: 'string' } }, arguments: [] };
 */
export interface BuiltInCommand {
  readonly run: (ctx: CommandContext) => Promise<number>;
  readonly options: Readonly<Record<string, BuiltInOption>>;
  readonly arguments: readonly CommandArgument[];
}

/** What a command that needs no config (`new plugin`) receives. */
export interface StandaloneCommandContext {
  readonly options: CommandContext['options'];
  readonly positionals: readonly string[];
  /** The folder relative paths start from: the process's working directory. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly out: (line: string) => void;
  /**
   * Asks the person at the terminal and resolves to their answer; absent when standard input is
   * not a terminal (a script, CI, a test), where the command takes its default instead.
   */
  readonly ask?: (question: string) => Promise<string>;
}

/**
 * A built-in command that runs without loading a config, e.g. `new plugin <id>` in a project
 * that has none yet.
 *
 * @example
 * const create: StandaloneCommand = { run: newPluginCommand, options: { dir: { type: 'string' } }, arguments: [] };
 */
export interface StandaloneCommand {
  readonly run: (ctx: StandaloneCommandContext) => Promise<number>;
  readonly options: Readonly<Record<string, BuiltInOption>>;
  readonly arguments: readonly CommandArgument[];
}
