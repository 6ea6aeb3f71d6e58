import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineCollection,
  definePlugin,
  defineResource,
  defineResourceTemplate,
  startTestServer,
  type TestServer,
} from '../../../core/index.js';

const plugin = definePlugin({
  id: 'feeds',
  version: '1.0.0',
  scopes: { 'feeds:read': 'Read feeds' },
  resources: [
    defineResource({
      uri: 'feed://live',
      name: 'live',
      scopes: ['feeds:read'],
      subscribable: true,
      read: ({ uri }) => [{ uri, text: 'live' }],
    }),
    defineResource({
      uri: 'feed://static',
      name: 'static',
      scopes: ['feeds:read'],
      read: ({ uri }) => [{ uri, text: 'static' }],
    }),
  ],
  resourceTemplates: [
    defineResourceTemplate({
      uriTemplate: 'feed://archive/{day}',
      name: 'archive',
      scopes: ['feeds:read'],
      read: ({ uri }) => [{ uri, text: 'old' }],
    }),
  ],
});

describe('resources/subscribe', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [plugin],
      collections: [
        defineCollection({
          id: 'live',
          title: 'Live',
          plugins: ['feeds'],
          grant: ['feeds:read'],
          auth: 'none',
          session: 'stateful',
        }),
        defineCollection({
          id: 'plain',
          title: 'Plain',
          plugins: ['feeds'],
          grant: ['feeds:read'],
          auth: 'none',
        }),
      ],
    });
  });
  afterAll(() => t.close());

  it('accepts a resource declared subscribable', async () => {
    await expect(t.clients['live']!.subscribeResource({ uri: 'feed://live' })).resolves.toEqual({});
  });

  it('refuses resources and templates that do not send updates, with the code as data', async () => {
    for (const uri of ['feed://static', 'feed://archive/2026-11-01']) {
      await expect(t.clients['live']!.subscribeResource({ uri })).rejects.toMatchObject({
        code: -32602,
        data: { code: 'RESOURCE_NOT_SUBSCRIBABLE', uri },
      });
    }
  });

  it('refuses subscriptions on a stateless collection', async () => {
    await expect(
      t.clients['plain']!.subscribeResource({ uri: 'feed://live' }),
    ).rejects.toMatchObject({
      code: -32601,
      data: { code: 'RESOURCE_SUBSCRIBE_NEEDS_SESSION' },
    });
  });
});
