import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { openBenchSqlite } from '../bench-tools.js';
import { listenPeer, type RunningTarget } from './peer-server.js';
import { createSdkServer } from './sdk-server.js';

/**
 * The official SDK's stateless Streamable HTTP server as its examples write it: a new server
 * and transport per request, `sessionIdGenerator: undefined`. JSON responses
 * (`enableJsonResponse`) rather than a one-event SSE stream, as the framework and the floor
 * answer, so all targets write the same bytes.
 *
 * @example
 * const { url, close } = await startSdkStateless(databaseFile);
 */
export async function startSdkStateless(databaseFile: string): Promise<RunningTarget> {
  const db = openBenchSqlite(databaseFile);
  return listenPeer(async (req, res) => {
    const server = createSdkServer(db);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  }, db);
}
