import { FastMCP } from 'fastmcp';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { benchToolDefinitions, openBenchSqlite } from '../bench-tools.js';
import { callBenchTool, type RunningTarget } from './peer-server.js';

/** fastmcp takes a port, not 0, and does not say which it bound: ask the OS for a free one. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const silent = { debug() {}, error() {}, info() {}, log() {}, warn() {} };

/**
 * punkpeye/fastmcp over its HTTP Stream transport in its stateless mode (`stateless: true`, a
 * fresh session per request) with JSON responses, the bench's tools declared with their zod
 * schemas around the same handlers the floor runs.
 *
 * @example
 * const { url, close } = await startFastmcp(databaseFile);
 */
export async function startFastmcp(databaseFile: string): Promise<RunningTarget> {
  const db = openBenchSqlite(databaseFile);
  const server = new FastMCP({ name: 'bench-fastmcp', version: '1.0.0', logger: silent });
  for (const tool of benchToolDefinitions)
    server.addTool({
      name: tool.name,
      description: tool.description,
      parameters: tool.input,
      outputSchema: tool.output,
      execute: (args) => callBenchTool(db, tool.name, args),
    });
  const port = await freePort();
  await server.start({
    transportType: 'httpStream',
    httpStream: {
      host: '127.0.0.1',
      port,
      endpoint: '/mcp',
      stateless: true,
      enableJsonResponse: true,
    },
  });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    async close() {
      await server.stop();
      await db.destroy();
    },
  };
}
