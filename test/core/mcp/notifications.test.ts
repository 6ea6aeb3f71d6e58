import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  LoggingMessageNotificationSchema,
  type LoggingMessageNotification,
  type Progress,
} from '@modelcontextprotocol/sdk/types.js';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFixtureServer, tokens, type FixtureServer } from './support/fixture-server.js';
import { callBody, parseSse, patience, postRpc } from './support/raw-http.js';

function collectLogs(client: Client): LoggingMessageNotification['params'][] {
  const received: LoggingMessageNotification['params'][] = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
    received.push(n.params);
  });
  return received;
}

describe('notifications and cancellation', () => {
  let f: FixtureServer;

  beforeAll(async () => {
    f = await startFixtureServer();
  });
  afterAll(() => f.t.close());

  describe('progress', () => {
    it('reaches the client’s onprogress callback in order', async () => {
      const client = await f.t.connect('desk', tokens.bob);
      const seen: Progress[] = [];
      const result = await client.callTool(
        { name: 'count_up', arguments: { steps: 3 } },
        undefined,
        { onprogress: (p) => seen.push(p) },
      );
      expect(result.content).toEqual([{ type: 'text', text: 'counted to 3' }]);
      expect(seen).toEqual([
        { progress: 1, total: 3, message: 'step 1' },
        { progress: 2, total: 3, message: 'step 2' },
        { progress: 3, total: 3, message: 'step 3' },
      ]);
    });

    it('turns the reply into an SSE stream carrying the progress, then the result', async () => {
      const response = await postRpc(
        f.t.urlOf('desk'),
        {
          ...callBody(5, 'count_up', { steps: 2 }),
          params: { name: 'count_up', arguments: { steps: 2 }, _meta: { progressToken: 'p-1' } },
        },
        { token: tokens.bob },
      );
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const messages = parseSse(await response.text());
      expect(messages.map((m) => m.method ?? `response ${String(m.id)}`)).toEqual([
        'notifications/progress',
        'notifications/progress',
        'response 5',
      ]);
      expect(messages[0]?.params).toEqual({
        progressToken: 'p-1',
        progress: 1,
        total: 2,
        message: 'step 1',
      });
      expect(messages[2]?.result).toMatchObject({
        content: [{ type: 'text', text: 'counted to 2' }],
      });
    });

    it('drops progress for a client that accepts only JSON and still answers', async () => {
      const response = await postRpc(
        f.t.urlOf('desk'),
        {
          ...callBody(5, 'count_up', { steps: 2 }),
          params: { name: 'count_up', arguments: { steps: 2 }, _meta: { progressToken: 'p-2' } },
        },
        { token: tokens.bob, headers: { accept: 'application/json' } },
      );
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toMatchObject({
        id: 5,
        result: { content: [{ type: 'text', text: 'counted to 2' }] },
      });
    });

    it('answers with plain JSON when no progress was asked for', async () => {
      const response = await postRpc(f.t.urlOf('desk'), callBody(6, 'count_up', { steps: 2 }), {
        token: tokens.bob,
      });
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toMatchObject({
        id: 6,
        result: { content: [{ type: 'text' }] },
      });
    });
  });

  describe('logging', () => {
    it('sends ctx.log lines from info up to the client of a stateless call', async () => {
      const client = await f.t.connect('desk', tokens.bob);
      const received = collectLogs(client);
      await client.callTool({ name: 'chatty', arguments: {} });
      expect(received).toEqual([
        { level: 'info', logger: 'chatty', data: { message: 'info line', ticket: 42 } },
        { level: 'warning', logger: 'chatty', data: 'warning line' },
        { level: 'error', logger: 'chatty', data: 'error line' },
      ]);
    });

    it('ignores a level set on a stateless collection, which would leak to other callers', async () => {
      const setter = await f.t.connect('desk', tokens.alice);
      await setter.setLoggingLevel('emergency');
      const client = await f.t.connect('desk', tokens.bob);
      const received = collectLogs(client);
      await client.callTool({ name: 'chatty', arguments: {} });
      expect(received).toHaveLength(3);
    });

    it('filters lines below the level a stateful session set', async () => {
      const client = await f.t.connect('session', tokens.bob);
      const received = collectLogs(client);
      await client.setLoggingLevel('warning');
      await client.callTool({ name: 'chatty', arguments: {} });
      expect(received.map((r) => r.level)).toEqual(['warning', 'error']);

      await client.setLoggingLevel('debug');
      received.length = 0;
      await client.callTool({ name: 'chatty', arguments: {} });
      expect(received.map((r) => r.level)).toEqual(['debug', 'info', 'warning', 'error']);
    });

    it('keeps one session’s level out of another session', async () => {
      const quiet = await f.t.connect('session', tokens.bob);
      const loud = await f.t.connect('session', tokens.bob);
      await quiet.setLoggingLevel('error');
      const received = collectLogs(loud);
      await loud.callTool({ name: 'chatty', arguments: {} });
      expect(received.map((r) => r.level)).toEqual(['info', 'warning', 'error']);
    });
  });

  describe('cancellation', () => {
    it('aborts the handler’s signal when the client aborts the call', async () => {
      const client = await f.t.connect('desk', tokens.bob);
      const controller = new AbortController();
      const call = client.callTool(
        { name: 'wait_for_abort', arguments: { key: 'sdk-abort' } },
        undefined,
        { signal: controller.signal },
      );
      await vi.waitFor(() => expect(f.probe.started).toContain('sdk-abort'), patience);
      expect(f.probe.aborted).not.toContain('sdk-abort');
      controller.abort('user pressed stop');
      await expect(call).rejects.toThrow();
      await vi.waitFor(() => expect(f.probe.aborted).toContain('sdk-abort'), patience);
    });

    it('aborts the handler of a stateful session when its client aborts', async () => {
      const client = await f.t.connect('session', tokens.bob);
      const controller = new AbortController();
      const call = client.callTool(
        { name: 'wait_for_abort', arguments: { key: 'session-abort' } },
        undefined,
        { signal: controller.signal },
      );
      await vi.waitFor(() => expect(f.probe.started).toContain('session-abort'), patience);
      controller.abort();
      await expect(call).rejects.toThrow();
      await vi.waitFor(() => expect(f.probe.aborted).toContain('session-abort'), patience);
    });

    it('does not let one caller cancel another caller’s request with the same id', async () => {
      const url = f.t.urlOf('desk');
      const waiting = postRpc(url, callBody(42, 'wait_for_abort', { key: 'bobs-call' }), {
        token: tokens.bob,
      });
      await vi.waitFor(() => expect(f.probe.started).toContain('bobs-call'), patience);
      const cancel = {
        jsonrpc: '2.0',
        method: 'notifications/cancelled',
        params: { requestId: 42, reason: 'not yours' },
      };
      expect((await postRpc(url, cancel, { token: tokens.alice })).status).toBe(202);
      // Bob's own call still runs; a round trip of Alice's proves her cancel was processed.
      await postRpc(url, callBody(1, 'search_kb', { query: 'x' }), { token: tokens.alice });
      expect(f.probe.aborted).not.toContain('bobs-call');
      expect((await postRpc(url, cancel, { token: tokens.bob })).status).toBe(202);
      await vi.waitFor(() => expect(f.probe.aborted).toContain('bobs-call'), patience);
      await waiting.catch(() => undefined);
    });

    it('aborts the handler when the HTTP client disconnects mid-call', async () => {
      const body = JSON.stringify(callBody(1, 'wait_for_abort', { key: 'disconnect' }));
      const req = httpRequest(f.t.urlOf('desk'), {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${tokens.bob}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'content-length': Buffer.byteLength(body),
        },
      });
      req.on('error', () => undefined);
      req.end(body);
      await vi.waitFor(() => expect(f.probe.started).toContain('disconnect'), patience);
      expect(f.probe.aborted).not.toContain('disconnect');
      req.destroy();
      await vi.waitFor(() => expect(f.probe.aborted).toContain('disconnect'), patience);
    });
  });
});
