import Koa from 'koa';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { benchTools, openBenchSqlite, runBenchTool } from './bench-tools.js';
import { protocolVersionKey, serverInfoKey } from './scenarios.js';

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface RpcMessage {
  id: number | string;
  method: string;
  params?: { name: string; arguments?: unknown; _meta?: Record<string, unknown> };
}

const modernResultFields = {
  resultType: 'complete',
  _meta: { [serverInfoKey]: { name: 'servicedesk-mcp floor', version: '0.0.0' } },
};

/**
 * The floor: the least a JSON-RPC server on Koa can do for the same call. It parses the body,
 * runs the very handler the real server runs (the same function, the same Kysely query on the
 * same SQLite file), and writes the same result shape as JSON. No authentication, validation,
 * MCP protocol or audit: what the framework adds on top of this is what the bench measures.
 * A 2026-07-28 request gets that revision's result shape (`resultType`, the server in `_meta`),
 * so both targets answer in the same shape and pass the same check; the floor does not otherwise
 * look at the envelope or the headers.
 *
 * Starts on an ephemeral loopback port; resolves with its URL and a close function.
 *
 * @example
 * const { url, close } = await startFloor(databaseFile);
 */
export async function startFloor(
  databaseFile: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const db = openBenchSqlite(databaseFile);
  const app = new Koa();
  app.use(async (ctx) => {
    const message = JSON.parse(await readAll(ctx.req)) as RpcMessage;
    // tools/list only so that cold start is timed to the same first answer on every target.
    if (message.method === 'tools/list') {
      const tools = [...benchTools.keys()].map((name) => ({ name }));
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { tools } });
      return;
    }
    const params = message.params ?? { name: '' };
    const answer = await runBenchTool(db, params.name, params.arguments ?? {});
    if (!answer) {
      ctx.status = 404;
      return;
    }
    const { output, text } = answer;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({
      jsonrpc: '2.0',
      id: message.id,
      result: {
        content: [{ type: 'text', text }],
        structuredContent: output,
        ...(params._meta?.[protocolVersionKey] !== undefined && modernResultFields),
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
