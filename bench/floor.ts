import SqliteDatabase from 'better-sqlite3';
import Koa from 'koa';
import { Kysely, SqliteDialect } from 'kysely';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Principal, ToolContext } from '../core/index.js';
import { getAnnouncementTool } from '../examples/announcements/tools/get-announcement.js';
import { pingTool } from '../plugins/diagnostics/tools/ping.js';
import { protocolVersionKey, serverInfoKey } from './scenarios.js';

/**
 * The floor: the least a JSON-RPC server on Koa can do for the same call. It parses the body,
 * runs the very handler the real server runs (the same function, the same Kysely query on the
 * same SQLite file), and writes the same result shape as JSON. No authentication, validation,
 * MCP protocol or audit: what the framework adds on top of this is what the bench measures.
 * A 2026-07-28 request gets that revision's result shape (`resultType`, the server in `_meta`),
 * so both targets answer in the same shape and pass the same check; the floor does not otherwise
 * look at the envelope or the headers.
 */
interface FloorTool {
  handler(ctx: ToolContext<unknown>): unknown;
  summarize?(output: never): string;
}

const tools = new Map<string, FloorTool>([
  [pingTool.name, pingTool],
  [getAnnouncementTool.name, getAnnouncementTool],
]);

// get_announcement filters by role; an agent sees every announcement, as on the real server.
const principal = { userId: 'sam@helpdesk.example', role: 'agent' } as Principal;

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface CallMessage {
  id: number | string;
  params: { name: string; arguments?: unknown; _meta?: Record<string, unknown> };
}

const modernResultFields = {
  resultType: 'complete',
  _meta: { [serverInfoKey]: { name: 'servicedesk-mcp floor', version: '0.0.0' } },
};

/** Opens the SQLite file the way the core does (WAL; the server process has migrated it). */
function openSqlite(file: string): Kysely<object> {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<object>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** Starts the floor on an ephemeral loopback port; resolves with its URL and a close function. */
export async function startFloor(
  databaseFile: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const db = openSqlite(databaseFile);
  const app = new Koa();
  app.use(async (ctx) => {
    const message = JSON.parse(await readAll(ctx.req)) as CallMessage;
    const tool = tools.get(message.params.name);
    if (!tool) {
      ctx.status = 404;
      return;
    }
    const input = message.params.arguments ?? {};
    const output = await tool.handler({ input, db, principal } as ToolContext<unknown>);
    const text = tool.summarize?.(output as never) ?? JSON.stringify(output);
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({
      jsonrpc: '2.0',
      id: message.id,
      result: {
        content: [{ type: 'text', text }],
        structuredContent: output,
        ...(message.params._meta?.[protocolVersionKey] !== undefined && modernResultFields),
      },
    });
  });
  const handle = app.callback();
  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp/agent`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
    },
  };
}
