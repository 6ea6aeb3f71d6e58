import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/**
 * The SDK's own client, connected over Streamable HTTP to a collection's URL with a bearer token.
 *
 * @example
 * const agent = await connectWithToken(`${server.baseUrl}/mcp/agent`, 'demo-agent-token');
 */
export async function connectWithToken(url: string, token: string): Promise<Client> {
  const client = new Client({ name: 'servicedesk-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}
