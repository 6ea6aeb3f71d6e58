import { afterEach, describe, expect, it } from 'vitest';
import {
  defineCollection,
  definePlugin,
  startTestServer,
  type CollectionDefinition,
  type ServerConfig,
  type TestServer,
} from '../../../core/index.js';
import { postModern } from '../../helpers/modern-request.js';
import { testRedisUrl, uniqueRedisPrefix } from '../../helpers/test-redis.js';
import { echoTool } from '../../helpers/test-tools.js';
import { callBody, messagesOf, postRpc } from '../mcp/support/raw-http.js';

const plugin = definePlugin({
  id: 'limited',
  version: '1.0.0',
  scopes: { 'limited:use': 'Use' },
  tools: [echoTool('echo', ['limited:use'])],
});

const collection = (id: string, extra: Partial<CollectionDefinition> = {}) =>
  defineCollection({ id, title: id, plugins: ['limited'], grant: ['limited:use'], ...extra });

/** alice and bob come through one client (`app-one`), carol through another. */
const token = (user: string, client: string) => ({
  token: `${user}-token`,
  name: client,
  userId: `${user}@example.com`,
  role: 'agent' as const,
  scopes: ['limited:use' as const],
  collections: ['desk', 'other'],
});
const tokens = [token('alice', 'app-one'), token('bob', 'app-one'), token('carol', 'app-two')];

const started: TestServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((t) => t.close()));
});

async function start(
  config: Partial<ServerConfig>,
  collections = [collection('desk'), collection('other')],
): Promise<TestServer> {
  const t = await startTestServer({ plugins: [plugin], collections, tokens, config });
  started.push(t);
  return t;
}

let nextId = 1;
const callAs = (t: TestServer, user: string, collectionId = 'desk') =>
  postRpc(t.urlOf(collectionId), callBody(nextId++, 'echo', { text: 'hi' }), {
    token: `${user}-token`,
  });

/** The HTTP statuses of `times` calls by `user` on `on` (`desk`, or `desk`'s sibling `other`). */
async function statuses(t: TestServer, as: { user: string; on?: string }, times: number) {
  const seen: number[] = [];
  for (let i = 0; i < times; i++) seen.push((await callAs(t, as.user, as.on)).status);
  return seen;
}

describe('tools/call budgets', () => {
  it('refuse the call after the budget with 429, Retry-After, a TOOL_RATE_LIMITED error and an audit row', async () => {
    const t = await start({ limits: { perUser: 3, windowSeconds: 60 } });
    expect(await statuses(t, { user: 'alice' }, 3)).toEqual([200, 200, 200]);
    const since = new Date();
    const refused = await callAs(t, 'alice');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    const [body] = await messagesOf(refused);
    expect(body?.error?.code).toBe(-32029);
    expect(body?.error?.data).toEqual({ code: 'TOOL_RATE_LIMITED', budget: 'user', retryAfter });
    expect(body?.error?.message).toBe(
      `Rate limit reached: collection desk takes at most 3 tool calls every 60 s for each user; retry in ${retryAfter} s`,
    );
    await t.server.audit.flush();
    const rows = await t.server.audit.query({ since, tool: 'echo' });
    expect(rows.map((r) => [r.user_id, r.outcome, r.error_code])).toEqual([
      ['alice@example.com', 'rate_limited', 'TOOL_RATE_LIMITED'],
    ]);
  });

  it('count each user, each client and each collection under its own key', async () => {
    const perUser = await start({ limits: { perUser: 1, perClient: 'off' } });
    expect(await statuses(perUser, { user: 'alice' }, 2)).toEqual([200, 429]);
    // Another user of the same client, and the same user on another collection, are not touched.
    expect(await statuses(perUser, { user: 'bob' }, 1)).toEqual([200]);
    expect(await statuses(perUser, { user: 'alice', on: 'other' }, 1)).toEqual([200]);

    const perClient = await start({ limits: { perUser: 0, perClient: 2 } });
    expect(await statuses(perClient, { user: 'alice' }, 1)).toEqual([200]);
    expect(await statuses(perClient, { user: 'bob' }, 2)).toEqual([200, 429]);
    expect(await statuses(perClient, { user: 'carol' }, 2)).toEqual([200, 200]);

    const perCollection = await start({
      limits: { perUser: 'off', perClient: 'off', perCollection: 2 },
    });
    expect(await statuses(perCollection, { user: 'alice' }, 1)).toEqual([200]);
    expect(await statuses(perCollection, { user: 'carol' }, 2)).toEqual([200, 429]);
    expect(await statuses(perCollection, { user: 'carol', on: 'other' }, 2)).toEqual([200, 200]);
    const [body] = await messagesOf(await callAs(perCollection, 'bob'));
    expect(body?.error?.message).toContain('tool calls every 60 s in all');
  });

  it("take a collection's own limits over the server's, and 'off' turns them off", async () => {
    const t = await start({ limits: { perUser: 1 } }, [
      collection('desk', { limits: { perUser: 3 } }),
      collection('other', { limits: 'off' }),
    ]);
    expect(await statuses(t, { user: 'alice' }, 4)).toEqual([200, 200, 200, 429]);
    expect(await statuses(t, { user: 'alice', on: 'other' }, 5)).toEqual([200, 200, 200, 200, 200]);
  });

  it('hold on the 2026-07-28 binding too', async () => {
    const t = await start({ limits: { perUser: 1 } });
    const call = () =>
      postModern(t.urlOf('desk'), {
        method: 'tools/call',
        params: { name: 'echo', arguments: { text: 'hi' } },
        headers: { authorization: 'Bearer alice-token' },
      });
    expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const [body] = await messagesOf(refused);
    expect((body?.error?.data as { code?: string }).code).toBe('TOOL_RATE_LIMITED');
  });

  it('answer a refused call in a batch with its JSON-RPC error, the batch itself with 200', async () => {
    const t = await start({ limits: { perUser: 1 } });
    const response = await postRpc(
      t.urlOf('desk'),
      [callBody(1, 'echo', { text: 'a' }), callBody(2, 'echo', { text: 'b' })],
      { token: 'alice-token', headers: { 'mcp-protocol-version': '2025-03-26' } },
    );
    expect(response.status).toBe(200);
    const messages = await messagesOf(response);
    const codes = messages.map((m) => (m.error?.data as { code?: string } | undefined)?.code);
    expect(codes.sort()).toEqual(['TOOL_RATE_LIMITED', undefined]);
  });

  it('refuse an SDK client in a session with the error it can read', async () => {
    const t = await start({ limits: { perUser: 1 } }, [
      collection('desk', { session: 'stateful' }),
    ]);
    const client = t.clients['desk'];
    await client?.callTool({ name: 'echo', arguments: { text: 'a' } });
    await expect(client?.callTool({ name: 'echo', arguments: { text: 'b' } })).rejects.toThrow(
      /TOOL_RATE_LIMITED[\s\S]*Rate limit reached|Rate limit reached[\s\S]*TOOL_RATE_LIMITED/,
    );
  });
});

describe('tools/call budgets across instances', () => {
  it('are one budget for two instances sharing Redis under one key prefix', async () => {
    const redis = { url: testRedisUrl, keyPrefix: uniqueRedisPrefix() };
    const config = { limits: { perUser: 3 }, redis };
    const [a, b] = [await start(config), await start(config)];
    expect(await statuses(a, { user: 'alice' }, 2)).toEqual([200, 200]);
    expect(await statuses(b, { user: 'alice' }, 2)).toEqual([200, 429]);
    expect(await statuses(a, { user: 'alice' }, 1)).toEqual([429]);
  });

  it('are counted by each instance alone without Redis', async () => {
    const config = { limits: { perUser: 2 } };
    const [a, b] = [await start(config), await start(config)];
    expect(await statuses(a, { user: 'alice' }, 2)).toEqual([200, 200]);
    expect(await statuses(b, { user: 'alice' }, 2)).toEqual([200, 200]);
    expect(await statuses(a, { user: 'alice' }, 1)).toEqual([429]);
  });

  it('keep answering when Redis goes away mid-run, counting on this instance meanwhile', async () => {
    const t = await start({
      limits: { perUser: 3 },
      redis: { url: testRedisUrl, keyPrefix: uniqueRedisPrefix() },
    });
    const redis = t.server.shared.redis;
    if (redis === undefined) throw new Error('the server should use Redis');
    expect(await statuses(t, { user: 'alice' }, 2)).toEqual([200, 200]);
    // Redis drops the connection: ioredis reconnects, and calls meanwhile do not fail.
    const id = await redis.client('ID');
    await redis.client('KILL', 'ID', String(id));
    expect(await statuses(t, { user: 'bob' }, 2)).toEqual([200, 200]);
    // Redis gone for good: the in-process insurance counts, and still enforces the budget.
    redis.disconnect();
    expect(await statuses(t, { user: 'carol' }, 4)).toEqual([200, 200, 200, 429]);
  });
});
