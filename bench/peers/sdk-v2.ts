import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import type { Kysely } from 'kysely';
import { openBenchSqlite } from '../bench-tools.js';
import { listenPeer, registerBenchTools, type RunningTarget } from './peer-server.js';

function createV2Server(db: Kysely<object>): McpServer {
  const server = new McpServer({ name: 'bench-sdk-v2', version: '2.0.0' });
  registerBenchTools((name, config, handler) => server.registerTool(name, config, handler), db);
  return server;
}

/**
 * The SDK v2 server (protocol 2026-07-28) as its serving guide writes it: `createMcpHandler`
 * with a server factory (a fresh server per request; 2025-11-25 requests through its stateless
 * legacy fallback) behind `toNodeHandler` on plain `node:http`. JSON responses, as the other
 * targets answer.
 *
 * @example
 * const { url, close } = await startSdkV2(databaseFile);
 */
export async function startSdkV2(databaseFile: string): Promise<RunningTarget> {
  const db = openBenchSqlite(databaseFile);
  const handler = createMcpHandler(() => createV2Server(db), { responseMode: 'json' });
  const handle = toNodeHandler(handler);
  const target = await listenPeer((req, res) => handle(req, res), db);
  return {
    url: target.url,
    async close() {
      await handler.close();
      await target.close();
    },
  };
}
