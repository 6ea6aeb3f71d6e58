import {
  Client as ModernClient,
  StreamableHTTPClientTransport as ModernTransport,
} from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineResource,
  defineTool,
  startTestServer,
  type AnyToolDefinition,
  type TestServer,
} from '../../../../core/index.js';
import { postModern } from '../../../helpers/modern-request.js';
import { sseMessages } from '../../../helpers/sse-messages.js';

let setRuntimeTools: (tools: readonly AnyToolDefinition[]) => void = () => undefined;
let announce: (uri: string) => void = () => undefined;

const feed = (uri: string, options: { scopes: string[]; subscribable: boolean }) =>
  defineResource({
    uri,
    name: uri.replace('feed://', ''),
    scopes: options.scopes,
    subscribable: options.subscribable,
    read: () => [{ uri, text: uri }],
  });

const feeds = definePlugin({
  id: 'feeds',
  version: '1.0.0',
  scopes: { 'feeds:read': 'Read feeds', 'feeds:admin': 'Administer feeds' },
  dynamicTools: { prefixes: ['feed_'] },
  resources: [
    feed('feed://live', { scopes: ['feeds:read'], subscribable: true }),
    feed('feed://admin', { scopes: ['feeds:admin'], subscribable: true }),
    feed('feed://static', { scopes: ['feeds:read'], subscribable: false }),
  ],
  setup(ctx) {
    setRuntimeTools = (tools) => ctx.setDynamicTools(tools);
    announce = (uri) => ctx.notifyResourceUpdated(uri);
  },
});

const runtimeTool = defineTool({
  name: 'feed_refresh',
  title: 'Refresh',
  description: 'A tool that appears at runtime.',
  input: z.object({}),
  scopes: ['feeds:read'],
  handler: () => 'refreshed',
});

/** A server with one stateless, unauthenticated collection of the feeds plugin. */
function startFeedsServer(http: { maxSessionsPerCaller?: number } = {}): Promise<TestServer> {
  return startTestServer({
    plugins: [feeds],
    collections: [
      defineCollection({
        id: 'feeds',
        title: 'Feeds',
        plugins: ['feeds'],
        grant: ['feeds:read'],
        auth: 'none',
      }),
    ],
    config: { http },
  });
}

function listenRequest(url: string, id: number | string, notifications: Record<string, unknown>) {
  return postModern(url, { method: 'subscriptions/listen', id, params: { notifications } });
}

describe('subscriptions/listen (MCP 2026-07-28)', () => {
  let t: TestServer;
  let url: string;

  beforeAll(async () => {
    t = await startFeedsServer({ maxSessionsPerCaller: 2 });
    url = t.urlOf('feeds');
  });
  afterAll(() => t.close());

  it('honours what this collection can send and delivers it to a v2 SDK client', async () => {
    const client = new ModernClient(
      { name: 'listener', version: '1' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    const heard: string[] = [];
    client.setNotificationHandler('notifications/tools/list_changed', () => {
      heard.push('tools');
    });
    client.setNotificationHandler('notifications/resources/updated', (notification) => {
      heard.push(notification.params.uri);
    });
    await client.connect(new ModernTransport(new URL(url)));
    try {
      const subscription = await client.listen({
        toolsListChanged: true,
        promptsListChanged: true,
        resourceSubscriptions: ['feed://live', 'feed://admin', 'feed://static'],
      });
      expect(subscription.honoredFilter).toEqual({
        toolsListChanged: true,
        resourceSubscriptions: ['feed://live'],
      });
      setRuntimeTools([runtimeTool]);
      announce('feed://admin');
      announce('feed://live');
      await expect.poll(() => heard, { timeout: 5000 }).toEqual(['tools', 'feed://live']);
      await subscription.close();
      expect(await subscription.closed).toBe('local');
    } finally {
      await client.close();
    }
  });

  it('acknowledges first, tags every notification with the listen request id, and caps streams per caller', async () => {
    const first = await listenRequest(url, 41, { toolsListChanged: true });
    const second = await listenRequest(url, 42, { toolsListChanged: true });
    expect(first.headers.get('content-type')).toBe('text/event-stream');
    const third = await listenRequest(url, 43, { toolsListChanged: true });
    expect(await third.json()).toMatchObject({
      id: 43,
      error: { code: -32603, data: { code: 'MCP_LISTEN_LIMIT_REACHED' } },
    });
    const reading = sseMessages(first, (seen) => seen.length >= 2);
    setRuntimeTools([]);
    const seen = await reading;
    expect(seen[0]).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/subscriptions/acknowledged',
      params: {
        notifications: { toolsListChanged: true },
        _meta: { 'io.modelcontextprotocol/subscriptionId': 41 },
      },
    });
    expect(seen[1]).toMatchObject({
      method: 'notifications/tools/list_changed',
      params: { _meta: { 'io.modelcontextprotocol/subscriptionId': 41 } },
    });
    await second.body?.cancel();
  });

  it('advertises list changes and resource updates in server/discover', async () => {
    const client = new ModernClient(
      { name: 'discover', version: '1' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(new ModernTransport(new URL(url)));
    try {
      expect(client.getServerCapabilities()).toMatchObject({
        tools: { listChanged: true },
        resources: { subscribe: true },
      });
    } finally {
      await client.close();
    }
  });
});

describe('subscriptions/listen at shutdown', () => {
  it('ends each stream with the closing result naming its subscription', async () => {
    const t = await startFeedsServer();
    const response = await listenRequest(t.urlOf('feeds'), 'sub-1', {
      toolsListChanged: true,
    });
    const reading = sseMessages(response, (seen) => seen.some((m) => 'result' in m));
    await t.close();
    const seen = await reading;
    expect(seen.at(-1)).toEqual({
      jsonrpc: '2.0',
      id: 'sub-1',
      result: {
        resultType: 'complete',
        _meta: { 'io.modelcontextprotocol/subscriptionId': 'sub-1' },
      },
    });
  });
});
