import {
  ResourceUpdatedNotificationSchema,
  type ResourceUpdatedNotification,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { statusUri } from '../mcp/support/fixture-plugin.js';
import { startFixtureServer, tokens, type FixtureServer } from '../mcp/support/fixture-server.js';
import { patience } from '../mcp/support/raw-http.js';
import { testRedisUrl, uniqueRedisPrefix } from '../../helpers/test-redis.js';

const running: FixtureServer[] = [];
const queueUri = 'fixture://teams/network/queue';

async function twoInstances(redis: { url: string; keyPrefix: string } | undefined) {
  const config = redis ? { redis } : {};
  const a = await startFixtureServer(config);
  const b = await startFixtureServer(config);
  running.push(a, b);
  return { a, b };
}

/** A session on `server` subscribed to the fixture's status resource, and what it hears. */
async function subscriber(server: FixtureServer) {
  const client = await server.t.connect('session', tokens.alice);
  const heard: string[] = [];
  client.setNotificationHandler(
    ResourceUpdatedNotificationSchema,
    (n: ResourceUpdatedNotification) => {
      heard.push(n.params.uri);
    },
  );
  await client.subscribeResource({ uri: statusUri });
  await client.subscribeResource({ uri: queueUri });
  return heard;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.t.close()));
});

describe('resource changes across instances', () => {
  it('reaches a session held by another instance sharing Redis', async () => {
    const { a, b } = await twoInstances({ url: testRedisUrl, keyPrefix: uniqueRedisPrefix() });
    const heard = await subscriber(a);
    // The client opens its GET stream in the background; notify until it is there to listen.
    await vi.waitFor(() => {
      b.probe.notifyResourceUpdated?.(statusUri);
      expect(heard).toContain(statusUri);
    }, patience);
  });

  it('stays on its own instance without Redis', async () => {
    const { a, b } = await twoInstances(undefined);
    const heard = await subscriber(a);
    await vi.waitFor(() => {
      a.probe.notifyResourceUpdated?.(statusUri);
      expect(heard).toContain(statusUri);
    }, patience);
    // The session's stream is ordered: once a's queue change arrives, nothing sent before it is
    // still on the way.
    const drained = async (): Promise<void> => {
      a.probe.notifyResourceUpdated?.(queueUri);
      await vi.waitFor(() => expect(heard).toContain(queueUri), patience);
    };
    await drained();
    heard.length = 0;
    b.probe.notifyResourceUpdated?.(statusUri);
    await drained();
    expect(heard).toEqual([queueUri]);
  });
});
