import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Kysely } from 'kysely';
import { benchToolDefinitions } from '../bench-tools.js';
import { callBenchTool } from './peer-server.js';

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
  for (const tool of benchToolDefinitions)
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
      },
      (args: unknown) => callBenchTool(db, tool.name, args),
    );
  return server;
}
