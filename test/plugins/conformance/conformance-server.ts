import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import {
  defineCollection,
  startTestServer,
  type CollectionDefinition,
  type TestServer,
} from '../../../core/index.js';
import {
  conformancePlugin,
  conformanceScope,
  type ConformancePluginOptions,
} from '../../../plugins/conformance/index.js';

/** The collection the conformance suite uses: no auth (loopback only), with sessions. */
export const conformanceCollection: CollectionDefinition = defineCollection({
  id: 'conformance',
  title: 'Conformance',
  plugins: ['conformance'],
  grant: [conformanceScope],
  auth: 'none',
  session: 'stateful',
});

/** A test server serving the conformance plugin, with a way to connect capable clients. */
export interface ConformanceServer {
  readonly t: TestServer;
  /** A new SDK client on the conformance collection declaring `capabilities`; closed with the server. */
  connect(capabilities?: ClientCapabilities): Promise<Client>;
}

export async function startConformanceServer(
  options: ConformancePluginOptions = {},
): Promise<ConformanceServer> {
  const t = await startTestServer({
    plugins: [conformancePlugin(options)],
    collections: [conformanceCollection],
  });
  const opened: Client[] = [];
  const close = t.close.bind(t);
  return {
    t: {
      ...t,
      async close() {
        await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
        await close();
      },
    },
    async connect(capabilities = {}) {
      const client = new Client({ name: 'conformance-test', version: '1.0.0' }, { capabilities });
      await client.connect(new StreamableHTTPClientTransport(new URL(t.urlOf('conformance'))));
      opened.push(client);
      return client;
    },
  };
}
