import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { z } from 'zod';

/**
 * The bench's two tools as the floor and the peers run them. They do the framework's tools'
 * work (`ping` of the diagnostics plugin; `get_announcement` of the announcements example: the
 * same primary-key query on the same SQLite file, the same output and summary, so every target
 * passes the same body check) but are written without the framework: importing the framework's
 * definitions would load its whole core into the floor and every peer, and their cold start and
 * RSS would then be partly ours.
 */
export interface BenchTool {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: z.ZodObject;
  readonly output: z.ZodObject;
  run(db: Kysely<object>, input: unknown): Promise<BenchToolResult>;
}

/** A tool's answer: its output and the text the framework would put in `content`. */
export interface BenchToolResult {
  readonly output: Record<string, unknown>;
  readonly text: string;
}

const pingInput = z.object({ message: z.string().max(200).optional() });
const pingOutput = z.object({ message: z.string(), serverTime: z.string() });

const announcementInput = z.object({ id: z.number().int().positive() });
const announcementOutput = z.object({
  id: z.number().int(),
  title: z.string(),
  body: z.string(),
  audience: z.enum(['everyone', 'agents']),
  createdAt: z.string(),
});

interface AnnouncementRow {
  id: number;
  title: string;
  body: string;
  audience: 'everyone' | 'agents';
  created_at: string;
}

const ping: BenchTool = {
  name: 'ping',
  title: 'Ping the service desk',
  description: 'Checks that the server is reachable; returns "pong" and the server time.',
  input: pingInput,
  output: pingOutput,
  run(_db, input) {
    const { message } = input as z.infer<typeof pingInput>;
    const output = { message: message ?? 'pong', serverTime: new Date().toISOString() };
    return Promise.resolve({
      output,
      text: `${output.message} (server time ${output.serverTime})`,
    });
  },
};

// The bench's caller is an agent, who sees every announcement: no audience filter, as on the
// framework's server for that caller.
const getAnnouncement: BenchTool = {
  name: 'get_announcement',
  title: 'Get an announcement',
  description: 'Returns one service-desk announcement by its id.',
  input: announcementInput,
  output: announcementOutput,
  async run(db, input) {
    const { id } = input as z.infer<typeof announcementInput>;
    const row = await db
      .withTables<{ example_announcements: AnnouncementRow }>()
      .selectFrom('example_announcements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new Error(`announcement ${id} does not exist`);
    const output = {
      id: row.id,
      title: row.title,
      body: row.body,
      audience: row.audience,
      createdAt: row.created_at,
    };
    return {
      output,
      text: `#${output.id} ${output.title} (${output.audience}, ${output.createdAt})\n${output.body}`,
    };
  },
};

/** The definitions the peers register: name, title, description and zod schemas. */
export const benchToolDefinitions: readonly BenchTool[] = [ping, getAnnouncement];

/** The bench's two tools by name. */
export const benchTools: ReadonlyMap<string, BenchTool> = new Map(
  benchToolDefinitions.map((tool) => [tool.name, tool]),
);

/**
 * Runs a bench tool on `db`; undefined for an unknown tool. The floor and every peer call this,
 * so the work per call is the same everywhere and only what surrounds it differs.
 *
 * @example
 * const result = await runBenchTool(db, 'ping', {});
 */
export async function runBenchTool(
  db: Kysely<object>,
  name: string,
  input: unknown,
): Promise<BenchToolResult | undefined> {
  return benchTools.get(name)?.run(db, input);
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
