import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { TestServer } from '../../../core/index.js';

/** The MCP Apps extension's id in a client's `capabilities.extensions` (SEP-1865). */
export const appsExtensionId = 'io.modelcontextprotocol/ui';

/** The MIME type of an MCP App view resource. */
export const appMimeType = 'text/html;profile=mcp-app';

/**
 * Connects an SDK 1.x client that says it renders MCP Apps (`extensions` names the UI extension
 * and its MIME type), as a host like Claude does, with the caller's bearer token. Closed by the
 * caller. A client made by `startTestServer` says nothing of the kind: it is the text-only client.
 *
 * @example
 * const sam = await connectAppsClient(t, { collection: 'agent', token: 'demo-agent-token' });
 */
export async function connectAppsClient(
  t: TestServer,
  caller: { readonly collection: string; readonly token: string },
): Promise<Client> {
  const client = new Client(
    { name: 'servicedesk-apps-test-host', version: '1.0.0' },
    { capabilities: { extensions: { [appsExtensionId]: { mimeTypes: [appMimeType] } } } },
  );
  const transport = new StreamableHTTPClientTransport(new URL(t.urlOf(caller.collection)), {
    requestInit: { headers: { authorization: `Bearer ${caller.token}` } },
  });
  await client.connect(transport);
  return client;
}
