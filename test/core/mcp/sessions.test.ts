import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, type ElicitRequest } from '@modelcontextprotocol/sdk/types.js';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, tokens, type FixtureServer } from './support/fixture-server.js';
import { initializeBody, messagesOf, postRpc } from './support/raw-http.js';

const listTools = { jsonrpc: '2.0', id: 2, method: 'tools/list' };

/** Opens a session with a raw initialize and returns its id. */
async function openSession(url: string, token: string): Promise<string> {
  const response = await postRpc(url, initializeBody(), { token });
  expect(response.status).toBe(200);
  const id = response.headers.get('mcp-session-id');
  expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const [message] = await messagesOf(response);
  expect(message?.result).toMatchObject({ protocolVersion: '2025-11-25' });
  return id as string;
}

function withSession(
  token: string,
  sessionId: string,
): { token: string; headers: Record<string, string> } {
  return { token, headers: { 'mcp-session-id': sessionId } };
}

describe('stateful collections', () => {
  let f: FixtureServer;
  let url: string;

  beforeAll(async () => {
    f = await startFixtureServer();
    url = f.t.urlOf('session');
  });
  afterAll(() => f.t.close());

  it('returns a fresh random Mcp-Session-Id from initialize and serves requests on it', async () => {
    const first = await openSession(url, tokens.alice);
    const second = await openSession(url, tokens.alice);
    expect(first).not.toBe(second);
    const response = await postRpc(url, listTools, withSession(tokens.alice, first));
    expect(response.status).toBe(200);
    const [message] = await messagesOf(response);
    expect(message?.id).toBe(2);
    expect((message?.result?.['tools'] as unknown[]).length).toBeGreaterThan(0);
  });

  it('issues no session id on a stateless collection', async () => {
    const response = await postRpc(f.t.urlOf('desk'), initializeBody(), { token: tokens.alice });
    expect(response.status).toBe(200);
    expect(response.headers.get('mcp-session-id')).toBeNull();
    const [message] = await messagesOf(response);
    expect(message?.result).toMatchObject({ protocolVersion: '2025-11-25' });
  });

  it('answers a request without a session id with 400', async () => {
    const response = await postRpc(url, listTools, { token: tokens.alice });
    expect(response.status).toBe(400);
    const [message] = await messagesOf(response);
    expect(message?.error?.message).toMatch(/Mcp-Session-Id/);
  });

  it('answers an unknown session id with 404', async () => {
    const response = await postRpc(url, listTools, withSession(tokens.alice, 'x'.repeat(43)));
    expect(response.status).toBe(404);
  });

  it('answers another user’s token with someone’s session id with 404', async () => {
    const alices = await openSession(url, tokens.alice);
    const response = await postRpc(url, listTools, withSession(tokens.bob, alices));
    expect(response.status).toBe(404);
    const get = await fetch(url, {
      headers: {
        authorization: `Bearer ${tokens.bob}`,
        accept: 'text/event-stream',
        'mcp-session-id': alices,
      },
    });
    expect(get.status).toBe(404);
    // Alice's session is unharmed.
    expect((await postRpc(url, listTools, withSession(tokens.alice, alices))).status).toBe(200);
  });

  it('ends a session on DELETE', async () => {
    const id = await openSession(url, tokens.alice);
    const deleted = await fetch(url, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokens.alice}`, 'mcp-session-id': id },
    });
    expect(deleted.status).toBe(200);
    expect((await postRpc(url, listTools, withSession(tokens.alice, id))).status).toBe(404);
  });

  it('does not let another user DELETE a session', async () => {
    const id = await openSession(url, tokens.alice);
    const deleted = await fetch(url, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokens.bob}`, 'mcp-session-id': id },
    });
    expect(deleted.status).toBe(404);
    expect((await postRpc(url, listTools, withSession(tokens.alice, id))).status).toBe(200);
  });

  it('opens one event stream per session on GET and refuses a second', async () => {
    const id = await openSession(url, tokens.alice);
    const headers = {
      authorization: `Bearer ${tokens.alice}`,
      accept: 'text/event-stream',
      'mcp-session-id': id,
    };
    const controller = new AbortController();
    const stream = await fetch(url, { headers, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const second = await fetch(url, { headers });
    expect(second.status).toBe(409);
    controller.abort();
  });

  it('terminates the session when the SDK client terminates it', async () => {
    const client = await f.t.connect('session', tokens.alice);
    const transport = client.transport as StreamableHTTPClientTransport;
    const id = transport.sessionId;
    expect(id).toBeDefined();
    await transport.terminateSession();
    expect((await postRpc(url, listTools, withSession(tokens.alice, id as string))).status).toBe(
      404,
    );
  });

  describe('elicitation', () => {
    async function connectWithElicitation(
      collectionId: string,
      answer: (request: ElicitRequest) => {
        action: 'accept' | 'decline';
        content?: Record<string, boolean>;
      },
    ): Promise<Client> {
      const client = new Client(
        { name: 'elicit-test', version: '1.0.0' },
        { capabilities: { elicitation: { form: {} } } },
      );
      client.setRequestHandler(ElicitRequestSchema, (request) => answer(request));
      await client.connect(
        new StreamableHTTPClientTransport(new URL(f.t.urlOf(collectionId)), {
          requestInit: { headers: { authorization: `Bearer ${tokens.alice}` } },
        }),
      );
      return client;
    }

    it('asks the client through ctx.elicit and returns its answer to the tool', async () => {
      const asked: ElicitRequest['params'][] = [];
      const client = await connectWithElicitation('session', (request) => {
        asked.push(request.params);
        return { action: 'accept', content: { confirm: true } };
      });
      const result = await client.callTool({
        name: 'ask_user',
        arguments: { question: 'Close ticket 4821?' },
      });
      expect(result.content).toEqual([{ type: 'text', text: 'accept: {"confirm":true}' }]);
      expect(asked).toEqual([
        {
          mode: 'form',
          message: 'Close ticket 4821?',
          requestedSchema: {
            type: 'object',
            properties: { confirm: { type: 'boolean', title: 'Confirm' } },
            required: ['confirm'],
          },
        },
      ]);
      await client.close();
    });

    it('passes a declined answer through', async () => {
      const client = await connectWithElicitation('session', () => ({ action: 'decline' }));
      const result = await client.callTool({ name: 'ask_user', arguments: { question: 'Sure?' } });
      expect(result.content).toEqual([{ type: 'text', text: 'decline: {}' }]);
      await client.close();
    });

    it('offers no ctx.elicit to a client that did not declare the capability', async () => {
      const client = await f.t.connect('session', tokens.alice);
      const result = await client.callTool({ name: 'ask_user', arguments: { question: 'Sure?' } });
      expect(result.content).toEqual([{ type: 'text', text: 'elicitation is not available' }]);
    });

    it('offers no ctx.elicit on a stateless collection', async () => {
      const client = await connectWithElicitation('desk', () => ({ action: 'accept' }));
      const result = await client.callTool({ name: 'ask_user', arguments: { question: 'Sure?' } });
      expect(result.content).toEqual([{ type: 'text', text: 'elicitation is not available' }]);
      await client.close();
    });
  });
});

describe('stateful session idle timeout', () => {
  let f: FixtureServer;

  beforeAll(async () => {
    f = await startFixtureServer({ http: { sessionIdleTimeoutMs: 1500 } });
  });
  afterAll(() => f.t.close());

  it('closes a session left idle and keeps one in use', async () => {
    const url = f.t.urlOf('session');
    const idle = await openSession(url, tokens.alice);
    const busy = await openSession(url, tokens.alice);
    // 4 s is past the idle timeout plus one sweep (every second at this timeout).
    const until = Date.now() + 4000;
    while (Date.now() < until) {
      expect((await postRpc(url, listTools, withSession(tokens.alice, busy))).status).toBe(200);
      await delay(100);
    }
    expect((await postRpc(url, listTools, withSession(tokens.alice, idle))).status).toBe(404);
    expect((await postRpc(url, listTools, withSession(tokens.alice, busy))).status).toBe(200);
  });
});
