import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Kysely } from 'kysely';
import { registerBenchTools } from './peer-server.js';

/**
 * An official SDK (v1) `McpServer` with the bench's two tools: their titles, descriptions and
 * zod schemas (so the SDK validates input and structured output, as the framework does) around
 * the same handlers the floor runs.
 *
 * @example
 * const server = createSdkServer(db);
 */
export function createSdkServer(db: Kysely<object>): McpServer {
  const server = new McpServer({ name: 'bench-sdk-v1', version: '1.0.0' });
  registerBenchTools((name, config, handler) => server.registerTool(name, config, handler), db);
  return server;
}
