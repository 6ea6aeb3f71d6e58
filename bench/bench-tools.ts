import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Principal, ToolContext } from '../core/index.js';
import { getAnnouncementTool } from '../examples/announcements/tools/get-announcement.js';
import { pingTool } from '../plugins/diagnostics/tools/ping.js';

/** A tool as the floor and the peers run it: the real handler and summary, nothing around them. */
interface BenchTool {
  handler(ctx: ToolContext<unknown>): unknown;
  summarize?(output: never): string;
}

/** The bench's two tools by name: the very definitions the framework's server registers. */
export const benchTools: ReadonlyMap<string, BenchTool> = new Map<string, BenchTool>([
  [pingTool.name, pingTool],
  [getAnnouncementTool.name, getAnnouncementTool],
]);

/**
 * The definitions the peers register: name, title, description, and the zod input and output
 * schemas, so each SDK validates arguments and structured output as the framework does.
 */
export const benchToolDefinitions = [pingTool, getAnnouncementTool] as const;

// get_announcement filters by role; an agent sees every announcement, as on the real server.
const principal = { userId: 'sam@helpdesk.example', role: 'agent' } as Principal;

/** A tool's answer: its output and the text the framework would put in `content`. */
export interface BenchToolResult {
  readonly output: unknown;
  readonly text: string;
}

/**
 * Runs a bench tool's handler on `db` as the framework would for the bench's agent, and its
 * summary; undefined for an unknown tool. The floor and every peer call this, so the work per
 * call is the same everywhere and only what surrounds it differs.
 *
 * @example
 * const result = await runBenchTool(db, 'ping', {});
 */
export async function runBenchTool(
  db: Kysely<object>,
  name: string,
  input: unknown,
): Promise<BenchToolResult | undefined> {
  const tool = benchTools.get(name);
  if (!tool) return undefined;
  const output = await tool.handler({ input, db, principal } as ToolContext<unknown>);
  return { output, text: tool.summarize?.(output as never) ?? JSON.stringify(output) };
}

/**
 * Opens the SQLite file the way the core does (WAL; the server process has migrated it).
 *
 * @example
 * const db = openBenchSqlite(databaseFile);
 */
export function openBenchSqlite(file: string): Kysely<object> {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<object>({ dialect: new SqliteDialect({ database: sqlite }) });
}
