import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { base64Name, metaKeys, postModern } from '../../helpers/modern-request.js';
import { messagesOf } from '../mcp/support/raw-http.js';
import { resultOf } from './support/era-answers.js';
import { eraInstructions, startEraServer, statusUri } from './support/era-server.js';

const collections = ['stateless', 'stateful'] as const;
const serverInfoOf = (collection: string) => ({
  name: expect.any(String) as unknown,
  version: expect.any(String) as unknown,
  title: `Era ${collection}`,
});

describe('2026-07-28 results: shape, cache hints, progress and log lines (ADR 0026)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startEraServer();
  });
  afterAll(() => t.close());

  it.each(collections)('server/discover on %s is public for 5 minutes', async (collection) => {
    const response = await postModern(t.urlOf(collection), { id: 'd', method: 'server/discover' });
    const { result } = await resultOf(response, 'd');
    const legacy = t.clients[collection];
    const { logging: _logging, ...legacyCapabilities } = legacy?.getServerCapabilities() ?? {};
    // A stateful session offers resources/subscribe; the modern era only subscribable resources.
    const capabilities = {
      ...legacyCapabilities,
      resources: { ...legacyCapabilities.resources, subscribe: false },
    };
    expect(result).toEqual({
      resultType: 'complete',
      supportedVersions: ['2026-07-28'],
      capabilities,
      instructions: expect.stringContaining(eraInstructions) as unknown,
      ttlMs: 300_000,
      cacheScope: 'public',
      _meta: { [metaKeys.serverInfo]: serverInfoOf(collection) },
    });
    expect(result?.['instructions']).toBe(legacy?.getInstructions());
  });

  it.each(['tools/list', 'prompts/list', 'resources/list', 'resources/templates/list'])(
    '%s is private for 1 minute and names the server',
    async (method) => {
      for (const collection of collections) {
        const { result } = await resultOf(await postModern(t.urlOf(collection), { method }), 1);
        expect(result).toMatchObject({
          resultType: 'complete',
          ttlMs: 60_000,
          cacheScope: 'private',
          _meta: { [metaKeys.serverInfo]: serverInfoOf(collection) },
        });
      }
    },
  );

  it.each(collections)(
    'tools/call, prompts/get, completion/complete and resources/read on %s name the server',
    async (collection) => {
      const url = t.urlOf(collection);
      const server = { [metaKeys.serverInfo]: serverInfoOf(collection) };
      const call = await resultOf(
        await postModern(url, {
          id: 'c',
          method: 'tools/call',
          params: { name: 'echo', arguments: { text: 'hi' } },
        }),
        'c',
      );
      expect(call.result).toMatchObject({
        resultType: 'complete',
        content: [{ type: 'text', text: 'hi' }],
        _meta: server,
      });
      const prompt = await resultOf(
        await postModern(url, {
          id: 'p',
          method: 'prompts/get',
          params: { name: 'greet', arguments: { who: 'Ann' } },
        }),
        'p',
      );
      expect(prompt.result).toMatchObject({ resultType: 'complete', _meta: server });
      expect(prompt.result?.['messages']).toEqual([
        { role: 'user', content: { type: 'text', text: 'Hello Ann' } },
      ]);
      const complete = await resultOf(
        await postModern(url, {
          id: 'k',
          method: 'completion/complete',
          params: {
            ref: { type: 'ref/prompt', name: 'greet' },
            argument: { name: 'who', value: 'A' },
          },
        }),
        'k',
      );
      expect(complete.result).toMatchObject({ resultType: 'complete', _meta: server });
      const read = await resultOf(
        await postModern(url, {
          id: 'r',
          method: 'resources/read',
          params: { uri: statusUri },
          headers: { 'mcp-name': base64Name(statusUri) },
        }),
        'r',
      );
      expect(read.result).toEqual({
        resultType: 'complete',
        contents: [{ uri: statusUri, text: 'green' }],
        ttlMs: 0,
        cacheScope: 'private',
        _meta: server,
      });
    },
  );

  it('upgrades a call with a progress token to SSE, with no log lines without a logLevel', async () => {
    const response = await postModern(t.urlOf('stateless'), {
      id: 'busy',
      method: 'tools/call',
      params: { name: 'busy', arguments: {}, _meta: { progressToken: 'tok' } },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const messages = await messagesOf(response);
    expect(messages.map((m) => m.method ?? m.id)).toEqual(['notifications/progress', 'busy']);
    expect(messages[0]?.params).toEqual({
      progressToken: 'tok',
      progress: 1,
      total: 2,
      message: 'half way',
    });
    expect(messages[1]?.result).toMatchObject({
      resultType: 'complete',
      content: [{ type: 'text', text: 'done' }],
    });
  });

  it('answers a call without a progress token or logLevel in plain JSON', async () => {
    const response = await postModern(t.urlOf('stateless'), {
      id: 'quiet',
      method: 'tools/call',
      params: { name: 'busy', arguments: {} },
    });
    const { result } = await resultOf(response, 'quiet');
    expect(result).toMatchObject({
      resultType: 'complete',
      content: [{ type: 'text', text: 'done' }],
    });
  });

  it.each(collections)("sends log lines at the request's logLevel on %s", async (collection) => {
    const call = (level: string) =>
      postModern(t.urlOf(collection), {
        id: level,
        method: 'tools/call',
        params: { name: 'busy', arguments: {} },
        meta: { [metaKeys.logLevel]: level },
      });
    const info = await messagesOf(await call('info'));
    const logged = info.filter((m) => m.method === 'notifications/message');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.params).toMatchObject({ level: 'info' });
    expect(JSON.stringify(logged[0]?.params?.['data'])).toContain('busy started');
    expect(info.at(-1)?.id).toBe('info');
    const warning = await messagesOf(await call('warning'));
    expect(warning.map((m) => m.method ?? m.id)).toEqual(['warning']);
  });
});
