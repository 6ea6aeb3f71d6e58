import { parseArgs } from 'node:util';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { CommandContext } from './command.js';
import { auditCommand } from './commands/audit.js';
import { migrateCommand } from './commands/migrate.js';
import { serveCommand } from './commands/serve.js';
import { toolsCommand } from './commands/tools.js';
import { defaultConfigPath, loadConfig } from './load-config.js';

const usage = `Usage: servicedesk-mcp <command> [options]

Commands:
  serve     [--config file]                          start the server and print every collection's URL
  migrate   [--config file]                          apply pending database migrations
  tools     --collection <id> [--scopes a,b] [--role end_user|agent|admin|service] [--json]
                                                     list exactly the tools such a caller would see
  audit     [--since 1h] [--collection id] [--tool name] [--limit n] [--json]
                                                     print the audit log of tool calls

Environment: HOST (127.0.0.1), PORT (3000), DATABASE_URL (./data/servicedesk.db or postgres://…),
PUBLIC_URL, LOG_LEVEL (info), SERVICEDESK_CONFIG (servicedesk.config.ts)`;

const commands: Record<string, (ctx: CommandContext) => Promise<number>> = {
  serve: serveCommand,
  migrate: migrateCommand,
  tools: toolsCommand,
  audit: auditCommand,
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
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    out(usage);
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        config: { type: 'string', short: 'c' },
        collection: { type: 'string' },
        scopes: { type: 'string' },
        role: { type: 'string' },
        since: { type: 'string' },
        tool: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
    });
    const config = await loadConfig(values.config ?? defaultConfigPath(process.env));
    return await command({ config, options: values, env: process.env, out });
  } catch (error) {
    const message =
      error instanceof ServiceDeskError ? error.message : `${(error as Error).message}`;
    process.stderr.write(`servicedesk-mcp ${name}: ${message}\n`);
    return 1;
  }
}
