import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineCollection, startTestServer } from '../../../core/index.js';
import { FixtureProbe, fixturePlugin } from '../mcp/support/fixture-plugin.js';
import {
  fixtureTokens,
  startFixtureServer,
  tokens,
  type FixtureServer,
} from '../mcp/support/fixture-server.js';
import {
  exchangeOn,
  openSocket,
  rawExchange,
  type RawAnswer,
  type RawRequest,
} from './support/raw-exchange.js';

const allowed = 'https://app.example';

/** A POST of `body` to `path` with the headers a Streamable HTTP client sends. */
function mcpPost(
  host: string,
  body: unknown,
  headers: Record<string, string> = {},
): Omit<RawRequest, 'path'> {
  return {
    method: 'POST',
    headers: {
      host,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/**
 * Issue 19: POSTs to a collection's path are served without Koa (ADR 0042). The app still
 * serves the same endpoint at the path with a trailing slash, so each request is sent both ways
 * and the answers must match byte for byte: status line, every header (name case and order
 * kept; only Date may differ) and body.
 */
describe('the MCP POST fast path answers exactly as the Koa app', () => {
  let f: FixtureServer;
  let host: string;
  let desk: string;

  beforeAll(async () => {
    f = await startFixtureServer({ http: { allowedOrigins: [allowed], bodyLimit: 4096 } });
    desk = new URL(f.t.urlOf('desk')).pathname;
    host = new URL(f.t.url).host;
  });
  afterAll(() => f.t.close());

  /** The fast path's answer and the app's, for the same request. */
  async function bothWays(
    request: Omit<RawRequest, 'path'>,
    query = '',
  ): Promise<{ fast: RawAnswer; koa: RawAnswer }> {
    const fast = await rawExchange(f.t.url, { ...request, path: `${desk}${query}` });
    const koa = await rawExchange(f.t.url, { ...request, path: `${desk}/${query}` });
    return { fast, koa };
  }

  it('a tool call: 200 JSON with its content type and length', async () => {
    const body = {
      jsonrpc: '2.0',
      id: 7,
      method: 'tools/call',
      params: { name: 'search_kb', arguments: { query: 'vpn' } },
    };
    const { fast, koa } = await bothWays(
      mcpPost(host, body, { authorization: `Bearer ${tokens.alice}`, origin: allowed }),
      '?trace=1',
    );
    expect(fast).toEqual(koa);
    expect(fast.statusLine).toBe('HTTP/1.1 200 OK');
    expect(fast.headers).toContain('Content-Type: application/json; charset=utf-8');
    expect(fast.headers).toContain(`access-control-allow-origin: ${allowed}`);
    expect(fast.body).toContain('no articles match');
  });

  it('a call answered as a stream of progress events', async () => {
    const body = {
      jsonrpc: '2.0',
      id: 'p',
      method: 'tools/call',
      params: { name: 'count_up', arguments: { steps: 2 }, _meta: { progressToken: 'tok' } },
    };
    const { fast, koa } = await bothWays(
      mcpPost(host, body, { authorization: `Bearer ${tokens.alice}` }),
    );
    expect(fast).toEqual(koa);
    expect(fast.headers.join('\n')).toMatch(/content-type: text\/event-stream/i);
    expect(fast.body).toContain('counted to 2');
  });

  it('a notification: 202 with an empty body', async () => {
    const body = { jsonrpc: '2.0', method: 'notifications/initialized' };
    const { fast, koa } = await bothWays(
      mcpPost(host, body, { authorization: `Bearer ${tokens.alice}` }),
    );
    expect(fast).toEqual(koa);
    expect(fast.statusLine).toBe('HTTP/1.1 202 Accepted');
    expect(fast.headers).toContain('Content-Length: 0');
    expect(fast.body).toBe('');
  });

  it('no token: 401 with the challenge, readable by an allowed origin', async () => {
    const { fast, koa } = await bothWays(
      mcpPost(host, { jsonrpc: '2.0', id: 1, method: 'ping' }, { origin: allowed }),
    );
    expect(fast).toEqual(koa);
    expect(fast.statusLine).toBe('HTTP/1.1 401 Unauthorized');
    expect(fast.headers.join('\n')).toMatch(/www-authenticate: Bearer .*resource_metadata=/);
  });

  it('a call the token lacks consent for: 403 insufficient_scope with the scopes to ask for', async () => {
    const body = {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'search_kb', arguments: { query: 'x' } },
    };
    const agent = new URL(f.t.urlOf('agent')).pathname;
    const request = mcpPost(host, body, { authorization: `Bearer ${tokens.pat}` });
    const fast = await rawExchange(f.t.url, { ...request, path: agent });
    const koa = await rawExchange(f.t.url, { ...request, path: `${agent}/` });
    expect(fast).toEqual(koa);
    expect(fast.statusLine).toBe('HTTP/1.1 403 Forbidden');
    expect(fast.headers.join('\n')).toMatch(/error="insufficient_scope".*scope="kb:read /);
  });

  it('an Origin or Host the guard refuses', async () => {
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    const origin = await bothWays(mcpPost(host, ping, { origin: 'https://evil.example' }));
    expect(origin.fast).toEqual(origin.koa);
    expect(origin.fast.body).toContain('is not allowed');
    expect(origin.fast.headers.join('\n')).not.toMatch(/access-control/i);
    const badHost = await bothWays(mcpPost('rebound.example', ping));
    expect(badHost.fast).toEqual(badHost.koa);
    expect(badHost.fast.body).toContain('Host header');
  });

  it('an unsupported content type, a refused batch, a body over the limit', async () => {
    const auth = { authorization: `Bearer ${tokens.alice}` };
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    const text = await bothWays(mcpPost(host, ping, { ...auth, 'content-type': 'text/plain' }));
    expect(text.fast).toEqual(text.koa);
    expect(text.fast.statusLine).toBe('HTTP/1.1 415 Unsupported Media Type');
    const batch = await bothWays(mcpPost(host, [ping, { ...ping, id: 2 }], auth));
    expect(batch.fast).toEqual(batch.koa);
    expect(batch.fast.body).toContain('batches are not part of MCP 2025-11-25');
    const large = await bothWays(
      mcpPost(host, { ...ping, params: { pad: 'x'.repeat(5000) } }, auth),
    );
    expect(large.fast).toEqual(large.koa);
    expect(large.fast.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
  });

  it('takes exact endpoint paths only: other requests still reach the Koa app', async () => {
    const created = vi.spyOn(Koa.prototype, 'createContext');
    try {
      const request = mcpPost(
        host,
        { jsonrpc: '2.0', id: 1, method: 'ping' },
        {
          authorization: `Bearer ${tokens.alice}`,
        },
      );
      await rawExchange(f.t.url, { ...request, path: `${desk}?x=1` });
      expect(created).not.toHaveBeenCalled();
      await rawExchange(f.t.url, { ...request, path: `${desk}/` });
      expect(created).toHaveBeenCalledTimes(1);
      await rawExchange(f.t.url, { method: 'GET', path: '/healthz', headers: { host } });
      expect(created).toHaveBeenCalledTimes(2);
    } finally {
      created.mockRestore();
    }
  });
});

describe('the fast path during shutdown', () => {
  it('answers 503 SERVER_SHUTTING_DOWN with Retry-After and Connection: close, as the app does', async () => {
    const { t } = await startFixtureServer({ http: { shutdownIdleGraceMs: 2000 } });
    const host = new URL(t.url).host;
    const desk = new URL(t.urlOf('desk')).pathname;
    // Connections opened before shutdown, as a client's keep-alive pool holds them.
    const first = await openSocket(t.url);
    const second = await openSocket(t.url);
    const closing = t.server.close();
    const request = mcpPost(
      host,
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      {
        authorization: `Bearer ${tokens.alice}`,
      },
    );
    const fast = await exchangeOn(first, { ...request, path: desk });
    const koa = await exchangeOn(second, { ...request, path: `${desk}/` });
    expect(fast).toEqual(koa);
    expect(fast.statusLine).toBe('HTTP/1.1 503 Service Unavailable');
    expect(fast.headers).toEqual(expect.arrayContaining(['retry-after: 1', 'connection: close']));
    expect(fast.body).toContain('the server is shutting down');
    await closing;
    await t.close();
  });
});

describe('a collection at a path a mount answers', () => {
  it('is still reached through the app, where /metrics answers its POST first', async () => {
    const t = await startTestServer({
      plugins: [fixturePlugin(new FixtureProbe())],
      collections: [
        defineCollection({
          id: 'metrics-desk',
          title: 'At /metrics',
          plugins: ['fixture'],
          path: '/metrics',
          grant: ['kb:read'],
        }),
      ],
      tokens: fixtureTokens,
    });
    const answer = await rawExchange(t.url, {
      ...mcpPost(new URL(t.url).host, { jsonrpc: '2.0', id: 1, method: 'ping' }),
      path: '/metrics',
    });
    expect(answer.statusLine).toBe('HTTP/1.1 405 Method Not Allowed');
    expect(answer.headers).toContain('allow: GET, HEAD');
    await t.close();
  });
});

describe('the fast path over a spent budget', () => {
  it('answers 429 with Retry-After as the app does', async () => {
    const { t } = await startFixtureServer({ limits: { perUser: 1, windowSeconds: 60 } });
    const host = new URL(t.url).host;
    const desk = new URL(t.urlOf('desk')).pathname;
    const call = (id: number) =>
      mcpPost(
        host,
        {
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: { name: 'search_kb', arguments: { query: 'x' } },
        },
        { authorization: `Bearer ${tokens.alice}` },
      );
    const first = await rawExchange(t.url, { ...call(1), path: desk });
    expect(first.statusLine).toBe('HTTP/1.1 200 OK');
    const fast = await rawExchange(t.url, { ...call(2), path: desk });
    const koa = await rawExchange(t.url, { ...call(2), path: `${desk}/` });
    // The seconds left in the window may tick between the two requests.
    const seconds = (answer: RawAnswer): RawAnswer => ({
      ...answer,
      headers: answer.headers.map((line) => line.replace(/^(Retry-After: )\d+$/i, '$1N')),
      body: answer.body.replace(/"retryAfter":\d+/, '"retryAfter":N').replace(/in \d+ s/, 'in N s'),
    });
    expect(seconds(fast)).toEqual(seconds(koa));
    expect(fast.statusLine).toBe('HTTP/1.1 429 Too Many Requests');
    expect(fast.headers.join('\n')).toMatch(/^Retry-After: \d+$/im);
    await t.close();
  });
});
