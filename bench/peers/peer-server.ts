import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { benchToolDefinitions, runBenchTool, type BenchTool } from '../bench-tools.js';

/** A running bench target: its MCP endpoint and how to stop it. */
export interface RunningTarget {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A bench tool's answer as an MCP `CallToolResult`: the shape the framework's server and the
 * floor send, so every target passes the same body check.
 *
 * @example
 * server.registerTool('ping', { inputSchema }, (args) => callBenchTool(db, 'ping', args));
 */
export async function callBenchTool(db: Kysely<object>, name: string, input: unknown) {
  const answer = await runBenchTool(db, name, input);
  if (!answer) throw new Error(`unknown bench tool ${name}`);
  return {
    content: [{ type: 'text' as const, text: answer.text }],
    structuredContent: answer.output,
  };
}

/**
 * Serves `handle` with plain `node:http` on an ephemeral loopback port at `/mcp`, with the
 * keep-alive the floor uses, and closes `db` with the server.
 *
 * @example
 * const target = await listenPeer((req, res) => transport.handleRequest(req, res), db);
 */
export async function listenPeer(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  db: Kysely<object>,
): Promise<RunningTarget> {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
    },
  };
}

/** What an SDK's `registerTool` is given for a bench tool: its metadata and zod schemas. */
export interface PeerToolConfig {
  readonly title: string;
  readonly description: string;
  readonly inputSchema: BenchTool['input'];
  readonly outputSchema: BenchTool['output'];
}

/**
 * Registers the bench's two tools through `register` (an SDK server's `registerTool`, either
 * generation), so each SDK validates arguments and structured output as the framework does.
 *
 * @example
 * registerBenchTools((name, config, handler) => server.registerTool(name, config, handler), db);
 */
export function registerBenchTools(
  register: (
    name: string,
    config: PeerToolConfig,
    handler: (args: unknown) => ReturnType<typeof callBenchTool>,
  ) => void,
  db: Kysely<object>,
): void {
  for (const tool of benchToolDefinitions)
    register(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
      },
      (args) => callBenchTool(db, tool.name, args),
    );
}
