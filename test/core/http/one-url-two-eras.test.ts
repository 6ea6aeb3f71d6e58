import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { postModern } from '../../helpers/modern-request.js';
import { callBody, initializeBody, messagesOf, postRpc } from '../mcp/support/raw-http.js';
import { legacyHeaders, resultOf } from './support/era-answers.js';
import { startEraServer } from './support/era-server.js';

const collections = ['stateless', 'stateful'] as const;

describe('one collection URL serves 2026-07-28 and 2025-11-25 side by side (ADR 0026)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startEraServer();
  });
  afterAll(() => t.close());

  it('serves modern requests on a stateful collection without initialize or a session', async () => {
    const url = t.urlOf('stateful');
    const list = await postModern(url, { id: 'l', method: 'tools/list' });
    expect(list.headers.get('mcp-session-id')).toBeNull();
    const { result } = await resultOf(list, 'l');
    expect((result?.['tools'] as { name: string }[]).map((tool) => tool.name)).toEqual([
      'echo',
      'busy',
    ]);
  });

  it('ignores an Mcp-Session-Id header on a modern request to a stateful collection', async () => {
    for (const session of ['no-such-session', await legacySession(t.urlOf('stateful'))]) {
      const response = await postModern(t.urlOf('stateful'), {
        id: 's',
        method: 'tools/call',
        params: { name: 'echo', arguments: { text: 'no session' } },
        headers: { 'mcp-session-id': session, 'last-event-id': 'stream-1' },
      });
      expect(response.headers.get('mcp-session-id')).toBeNull();
      const { result } = await resultOf(response, 's');
      expect(result).toMatchObject({
        resultType: 'complete',
        content: [{ type: 'text', text: 'no session' }],
      });
    }
  });

  it.each(collections)(
    'lets a 2025-11-25 client on %s initialize and call a tool as before',
    async (collection) => {
      const url = t.urlOf(collection);
      const headers = await legacyHeaders(url);
      if (collection === 'stateful') expect(headers['mcp-session-id']).toBeTruthy();
      const response = await postRpc(url, callBody(2, 'echo', { text: 'legacy' }), { headers });
      const { result } = await resultOf(response, 2);
      expect(result).toEqual({ content: [{ type: 'text', text: 'legacy' }] });
    },
  );

  it('answers an unknown resource with -32602 in 2026-07-28 and -32002 in 2025-11-25', async () => {
    const url = t.urlOf('stateless');
    const uri = 'era://nothing';
    const modern = await resultOf(
      await postModern(url, { id: 'u', method: 'resources/read', params: { uri } }),
      'u',
    );
    expect(modern.error).toMatchObject({ code: -32602, data: { code: 'RESOURCE_NOT_FOUND' } });
    expect(modern.error?.message).toContain(uri);
    const headers = await legacyHeaders(url);
    const legacy = await resultOf(
      await postRpc(
        url,
        { jsonrpc: '2.0', id: 'u', method: 'resources/read', params: { uri } },
        { headers },
      ),
      'u',
    );
    expect(legacy.error).toMatchObject({ code: -32002, data: { code: 'RESOURCE_NOT_FOUND' } });
  });

  it('answers an unknown tool with the same -32602 error in both eras', async () => {
    const url = t.urlOf('stateless');
    const modern = await resultOf(
      await postModern(url, {
        id: 'x',
        method: 'tools/call',
        params: { name: 'no_such_tool', arguments: {} },
      }),
      'x',
    );
    const headers = await legacyHeaders(url);
    const legacy = await resultOf(
      await postRpc(url, callBody('x', 'no_such_tool'), { headers }),
      'x',
    );
    expect(modern.error?.code).toBe(-32602);
    expect(modern.error?.message).toMatch(/no_such_tool/);
    expect(modern.error).toEqual(legacy.error);
  });
});

/** Opens a 2025-11-25 session on a stateful collection and returns its id. */
async function legacySession(url: string): Promise<string> {
  const response = await postRpc(url, initializeBody());
  await messagesOf(response);
  return response.headers.get('mcp-session-id') ?? '';
}
