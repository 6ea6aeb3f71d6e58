import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, tokens, type FixtureServer } from '../mcp/support/fixture-server.js';

const allowed = 'https://app.example';
const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'browser', version: '1.0.0' },
  },
});

/** A POST as a browser page on `origin` would send it. */
function post(url: string, origin: string, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      origin,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(token !== undefined && { authorization: `Bearer ${token}` }),
    },
    body: initialize,
  });
}

describe('CORS for browser-based MCP clients', () => {
  let f: FixtureServer;

  beforeAll(async () => {
    f = await startFixtureServer({ http: { allowedOrigins: [allowed] } });
  });
  afterAll(() => f.t.close());

  it('lets an allowed origin read the 401 challenge', async () => {
    const response = await post(f.t.urlOf('desk'), allowed);
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'WWW-Authenticate, Mcp-Session-Id',
    );
    expect(response.headers.get('vary')).toMatch(/origin/i);
    expect(response.headers.get('www-authenticate')).toContain('resource_metadata=');
  });

  it('lets an allowed origin read the session id of a stateful collection', async () => {
    const response = await post(f.t.urlOf('session'), allowed, tokens.alice);
    expect(response.status).toBe(200);
    await response.body?.cancel();
    expect(response.headers.get('mcp-session-id')).toBeTruthy();
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(response.headers.get('access-control-expose-headers')).toContain('Mcp-Session-Id');
  });

  it('answers the preflight of an allowed origin', async () => {
    const response = await fetch(f.t.urlOf('desk'), {
      method: 'OPTIONS',
      headers: {
        origin: allowed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, mcp-protocol-version',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
  });

  it('gives another origin no CORS headers, only the refusal', async () => {
    const response = await post(f.t.urlOf('desk'), 'https://evil.example', tokens.alice);
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-expose-headers')).toBeNull();
  });

  it('sends no CORS headers to a client that is not a browser', async () => {
    const response = await fetch(f.t.urlOf('desk'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: initialize,
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('exposes the same headers on the public resource metadata', async () => {
    const path = new URL(f.t.urlOf('desk')).pathname;
    const response = await fetch(new URL(`/.well-known/oauth-protected-resource${path}`, f.t.url), {
      headers: { origin: 'https://anyone.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'WWW-Authenticate, Mcp-Session-Id',
    );
  });
});
