import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { openBenchSqlite } from '../bench-tools.js';
import { listenPeer, type RunningTarget } from './peer-server.js';
import { createSdkServer } from './sdk-server.js';

/**
 * The official SDK's stateful Streamable HTTP server as its examples write it: `initialize`
 * creates a server and transport under a new session id; later requests carrying
 * `mcp-session-id` go to that session's transport. JSON responses, as for the stateless peer.
 * The bench opens one session per target and sends every call in it (peer-scenarios.ts).
 *
 * @example
 * const { url, close } = await startSdkStateful(databaseFile);
 */
export async function startSdkStateful(databaseFile: string): Promise<RunningTarget> {
  const db = openBenchSqlite(databaseFile);
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const readBody = async (req: AsyncIterable<Buffer>): Promise<unknown> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  };
  return listenPeer(async (req, res) => {
    const sessionId = req.headers['mcp-session-id'];
    const existing = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
    if (existing) return existing.handleRequest(req, res);
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    if (sessionId !== undefined || !isInitializeRequest(body)) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          jsonrpc: '2.0',
          id: null,
          error: { code: -32000, message: 'Bad Request: no valid session ID provided' },
        }),
      );
      return;
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: (id) => void transports.set(id, transport),
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) transports.delete(transport.sessionId);
    };
    await createSdkServer(db).connect(transport);
    await transport.handleRequest(req, res, body);
  }, db);
}
