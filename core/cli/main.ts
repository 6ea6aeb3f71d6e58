import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { BuiltInCommand, StandaloneCommand, StandaloneCommandContext } from './command.js';
import { defaultConfigPath, loadConfig } from './load-config.js';
import {
  checkPositionals,
  findPluginCommand,
  pluginCommandUsage,
  runPluginCommand,
} from './plugin-commands.js';
import type { ServerConfig } from '../config/define-config.js';

const usage = `Usage: servicedesk-mcp <command> [options]

Commands:
  serve     [--config file]                          start the server and print every collection's URL
  migrate   [--config file]                          apply pending database migrations
  tools     --collection <id> [--scopes a,b] [--role end_user|agent|admin|service] [--json]
                                                     list exactly the tools such a caller would see
            [--check [copilot-studio|openai|gemini|all]]
                                                     list what each client is documented to reject
                                                     or mishandle in those tools; exit 1 on any error
  audit     [--since 1h] [--collection id] [--tool name] [--limit n] [--json]
                                                     print the audit log of tool calls
  prune     [--dry-run]                              delete audit, OAuth and plugin rows past their
                                                     retention, in batches; --dry-run only counts them
  clients   [list] [--json]                          every OAuth client per collection, and the URLs
                                                     and scopes to paste into Copilot Studio (manual)
  clients   add --collection <id> --name <name> --redirect-uri <url> [--redirect-uri <url>]
                                                     register a confidential client; prints its secret once
  clients   revoke <clientId>                        remove a client and end its grants and tokens
  token     --user <email> --collection <id> [--scopes a,b] [--ttl 900] [--json]
                                                     mint a short-lived access token (curl, MCP Inspector)
  new       plugin <id> [--dir folder] [--for staff|everyone]
                                                     write plugins/<id> and its passing test under the
                                                     folder (default: the current one); needs no config.
                                                     --for: who may read its data; staff (the default)
                                                     gives it <id>:read:all, which no end user may hold

Environment: HOST (127.0.0.1), PORT (3000), DATABASE_URL (./data/servicedesk.db or postgres://…),
PUBLIC_URL, LOG_LEVEL (info), SERVICEDESK_CONFIG (servicedesk.config.ts)`;

// Each command's module is loaded when it runs, so `serve` never loads what only `clients` or
// `token` need (the authorization server, oidc-provider) and the reverse (ADR 0033).
const serveCommand: BuiltInCommand['run'] = async (context) =>
  (await import('./commands/serve.js')).serveCommand(context);
const migrateCommand: BuiltInCommand['run'] = async (context) =>
  (await import('./commands/migrate.js')).migrateCommand(context);
const toolsCommand: BuiltInCommand['run'] = async (context) =>
  (await import('./commands/tools.js')).toolsCommand(context);
const auditCommand: BuiltInCommand['run'] = async (context) =>
  (await import('./commands/audit.js')).auditCommand(context);
const pruneCommand: BuiltInCommand['run'] = async (context) =>
  (await import('./commands/prune.js')).pruneCommand(context);
const clientsCommand: BuiltInCommand['run'] = async (context) =>
  (await import('./commands/clients.js')).clientsCommand(context);
const tokenCommand: BuiltInCommand['run'] = async (context) =>
  (await import('./commands/token.js')).tokenCommand(context);
const newPluginCommand: StandaloneCommand['run'] = async (context) =>
  (await import('./commands/new-plugin.js')).newPluginCommand(context);

const json = { type: 'boolean' } as const;
const text = { type: 'string' } as const;

const commands: Record<string, BuiltInCommand> = {
  serve: { run: serveCommand, options: {}, arguments: [] },
  migrate: { run: migrateCommand, options: {}, arguments: [] },
  tools: {
    run: toolsCommand,
    options: {
      collection: text,
      scopes: text,
      role: text,
      json,
      check: { ...text, bareValue: 'all' },
    },
    arguments: [],
  },
  audit: {
    run: auditCommand,
    options: { since: text, collection: text, tool: text, limit: text, json },
    arguments: [],
  },
  prune: { run: pruneCommand, options: { 'dry-run': { type: 'boolean' } }, arguments: [] },
  clients: {
    run: clientsCommand,
    options: {
      collection: text,
      name: text,
      'redirect-uri': { type: 'string', multiple: true },
      json,
    },
    arguments: [
      {
        name: 'action',
        description: 'what to do; list when left out',
        choices: ['list', 'add', 'revoke'],
        optional: true,
      },
      { name: 'clientId', description: 'the client to revoke', optional: true },
    ],
  },
  token: {
    run: tokenCommand,
    options: { user: text, collection: text, scopes: text, ttl: text, json },
    arguments: [],
  },
};

/** Commands that load no config: they make the files a config will later use. */
const standaloneCommands: Record<string, StandaloneCommand> = {
  new: {
    run: newPluginCommand,
    options: { dir: text, for: text },
    arguments: [
      { name: 'kind', description: 'what to create', choices: ['plugin'] },
      { name: 'id', description: "the new plugin's kebab-case id, e.g. parts-catalogue" },
    ],
  },
};

function writeLine(line: string): void {
  process.stdout.write(line + '\n');
}

/**
 * The `servicedesk-mcp` command line. Returns the exit code.
 *
 * @example
 * process.exitCode = await main(['tools', '--collection', 'agent']);
 */
export async function main(
  argv: readonly string[],
  out: (line: string) => void = writeLine,
): Promise<number> {
  const [name, ...rest] = argv;
  const standalone = name === undefined ? undefined : standaloneCommands[name];
  if (standalone) return standaloneCommand(name as string, standalone, { args: rest, out });
  const command = name === undefined ? undefined : commands[name];
  if (!command) return pluginCommand(name, rest, out);
  try {
    // Each command accepts only its own options, so a misplaced one is refused, not ignored.
    const { values, positionals } = parseArgs({
      args: withBareValues(rest, command.options),
      options: { config: { type: 'string', short: 'c' }, ...command.options },
      strict: true,
      allowPositionals: command.arguments.length > 0,
    });
    checkPositionals({ name: name as string, arguments: command.arguments }, positionals);
    const configPath = typeof values['config'] === 'string' ? values['config'] : undefined;
    const config = await loadConfig(configPath ?? defaultConfigPath(process.env));
    return await command.run({ config, options: values, positionals, env: process.env, out });
  } catch (error) {
    const message =
      error instanceof ServiceDeskError ? error.message : `${(error as Error).message}`;
    process.stderr.write(`servicedesk-mcp ${name}: ${message}\n`);
    return 1;
  }
}

/** Gives each bare option that has a `bareValue` that value, as parseArgs wants one. */
function withBareValues(args: readonly string[], options: BuiltInCommand['options']): string[] {
  const out: string[] = [];
  args.forEach((arg, index) => {
    out.push(arg);
    const bare = arg.startsWith('--') ? options[arg.slice(2)]?.bareValue : undefined;
    const next = args[index + 1];
    if (bare !== undefined && (next === undefined || next.startsWith('-'))) out.push(bare);
  });
  return out;
}

/** Asks one question on the terminal and resolves to the line typed. */
async function askOnTerminal(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}

/** Runs a command that needs no config, with the same argument checks as the others. */
async function standaloneCommand(
  name: string,
  command: StandaloneCommand,
  io: { args: readonly string[]; out: (line: string) => void },
): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...io.args],
      options: command.options,
      strict: true,
      allowPositionals: command.arguments.length > 0,
    });
    checkPositionals({ name, arguments: command.arguments }, positionals);
    return await command.run({
      // Its options are single strings and booleans, as parseArgs gives them.
      options: values as StandaloneCommandContext['options'],
      positionals,
      cwd: process.cwd(),
      env: process.env,
      out: io.out,
      ...(process.stdin.isTTY && process.stdout.isTTY && { ask: askOnTerminal }),
    });
  } catch (error) {
    process.stderr.write(`servicedesk-mcp ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

/** The value of `--config`/`-c` in `args`, read before the command's own options are known. */
function configArgument(args: readonly string[]): string | undefined {
  const at = args.findIndex((arg) => arg === '--config' || arg === '-c');
  if (at >= 0) return args[at + 1];
  return args.find((arg) => arg.startsWith('--config='))?.slice('--config='.length);
}

/** A command a plugin of the config contributes (e.g. `seed`), or the usage text. */
async function pluginCommand(
  name: string | undefined,
  args: readonly string[],
  out: (line: string) => void,
): Promise<number> {
  const help = name === undefined || name === 'help' || name === '--help';
  let config: ServerConfig | undefined;
  try {
    config = await loadConfig(configArgument(args) ?? defaultConfigPath(process.env));
  } catch (error) {
    if (!help) {
      out(usage);
      process.stderr.write(
        `servicedesk-mcp ${name ?? ''}: unknown command (and no config to look in: ${(error as Error).message})\n`,
      );
      return 2;
    }
  }
  const found = config && name !== undefined ? findPluginCommand(config, name) : undefined;
  if (!config || !found) {
    const extra = config ? pluginCommandUsage(config) : [];
    out(
      extra.length > 0
        ? `${usage}\n\nCommands from the config's plugins:\n${extra.join('\n')}`
        : usage,
    );
    return help ? 0 : 2;
  }
  try {
    return await runPluginCommand(found, args, { config, env: process.env, out });
  } catch (error) {
    const message = error instanceof ServiceDeskError ? error.message : (error as Error).message;
    process.stderr.write(`servicedesk-mcp ${found.name}: ${message}\n`);
    return 1;
  }
}
