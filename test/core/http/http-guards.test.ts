import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, tokens, type FixtureServer } from '../mcp/support/fixture-server.js';
import {
  callBody,
  messagesOf,
  postRpc,
  rawRequest,
  type RawResponse,
} from '../mcp/support/raw-http.js';

const bodyLimit = 4096;

function rpcError(response: RawResponse): { code: number; message: string } {
  return (JSON.parse(response.body) as { error: { code: number; message: string } }).error;
}

describe('the HTTP layer', () => {
  let f: FixtureServer;
  let url: string;
  let port: number;

  beforeAll(async () => {
    f = await startFixtureServer({
      http: {
        bodyLimit,
        allowedHosts: ['desk.internal:8443'],
        allowedOrigins: ['https://claude.ai'],
      },
    });
    url = f.t.urlOf('desk');
    port = Number(new URL(url).port);
  });
  afterAll(() => f.t.close());

  const jsonHeaders = (
    extra: Record<string, string | number> = {},
  ): Record<string, string | number> => ({
    authorization: `Bearer ${tokens.alice}`,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...extra,
  });
  const list = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });

  describe('Host and Origin (DNS rebinding)', () => {
    it('refuses a Host header that is not this server with 403', async () => {
      const response = await rawRequest(url, {
        headers: jsonHeaders({ host: `evil.example:${port}` }),
        body: list,
      });
      expect(response.status).toBe(403);
      expect(rpcError(response)).toMatchObject({ code: -32600 });
      expect(rpcError(response).message).toMatch(/HTTP_HOST_NOT_ALLOWED.*evil\.example/);
    });

    it('refuses the right name on the wrong port', async () => {
      const response = await rawRequest(url, {
        headers: jsonHeaders({ host: `127.0.0.1:${port + 1}` }),
        body: list,
      });
      expect(response.status).toBe(403);
    });

    it('answers health probes under any Host (an orchestrator uses the pod address) but not to a foreign Origin', async () => {
      const probe = await rawRequest(`${f.t.url}/healthz`, {
        method: 'GET',
        headers: { host: '10.1.2.3:8080' },
      });
      expect(probe.status).toBe(200);
      const rebound = await rawRequest(`${f.t.url}/readyz`, {
        method: 'GET',
        headers: { host: 'evil.example', origin: 'http://evil.example' },
      });
      expect(rebound.status).toBe(403);
    });

    it('accepts every loopback name at the bound port and configured extra hosts', async () => {
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'desk.internal:8443']) {
        const response = await rawRequest(url, { headers: jsonHeaders({ host }), body: list });
        expect(response.status, host).toBe(200);
      }
    });

    it('refuses a foreign Origin with 403 and accepts its own and configured origins', async () => {
      const refused = await rawRequest(url, {
        headers: jsonHeaders({ origin: 'https://evil.example' }),
        body: list,
      });
      expect(refused.status).toBe(403);
      expect(rpcError(refused).message).toMatch(/HTTP_ORIGIN_NOT_ALLOWED/);
      for (const origin of [`http://localhost:${port}`, 'https://claude.ai']) {
        const response = await rawRequest(url, { headers: jsonHeaders({ origin }), body: list });
        expect(response.status, origin).toBe(200);
      }
    });
  });

  describe('the request body', () => {
    it('refuses a declared body over the limit with 413', async () => {
      const body = JSON.stringify(callBody(1, 'search_kb', { query: 'x'.repeat(bodyLimit) }));
      const response = await rawRequest(url, {
        headers: jsonHeaders({ 'content-length': Buffer.byteLength(body) }),
        body,
      });
      expect(response.status).toBe(413);
      expect(rpcError(response).message).toMatch(/HTTP_BODY_TOO_LARGE/);
    });

    it('refuses a chunked body that grows over the limit with 413', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          url,
          {
            method: 'POST',
            agent: false,
            headers: jsonHeaders({ 'transfer-encoding': 'chunked' }),
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        for (let i = 0; i < 8; i++) req.write('x'.repeat(1024));
        req.end();
      });
      expect(status).toBe(413);
    });

    it('accepts a body just under the limit', async () => {
      const base = JSON.stringify(callBody(1, 'search_kb', { query: '' }));
      const body = JSON.stringify(
        callBody(1, 'search_kb', { query: 'y'.repeat(bodyLimit - base.length - 1) }),
      );
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(bodyLimit);
      const response = await rawRequest(url, { headers: jsonHeaders(), body });
      expect(response.status).toBe(200);
    });

    it('answers a body that is not JSON with 400 and a -32700 parse error', async () => {
      const response = await postRpc(url, '{"jsonrpc": "2.0", "id": 1,', { token: tokens.alice });
      expect(response.status).toBe(400);
      const [message] = await messagesOf(response);
      expect(message?.error?.code).toBe(-32700);
      expect(message?.id).toBeNull();
    });

    it('answers JSON that is not a JSON-RPC message with 400 and -32600', async () => {
      const response = await postRpc(url, { hello: 'world' }, { token: tokens.alice });
      expect(response.status).toBe(400);
      const [message] = await messagesOf(response);
      expect(message?.error?.code).toBe(-32600);
    });

    it('answers a wrong content type with 415', async () => {
      const response = await postRpc(url, list, {
        token: tokens.alice,
        headers: { 'content-type': 'text/plain' },
      });
      expect(response.status).toBe(415);
    });

    it('answers an Accept header allowing neither JSON nor SSE with 406', async () => {
      const response = await postRpc(url, list, {
        token: tokens.alice,
        headers: { accept: 'text/html' },
      });
      expect(response.status).toBe(406);
    });

    it('answers an unsupported MCP-Protocol-Version with 400', async () => {
      const response = await postRpc(url, list, {
        token: tokens.alice,
        headers: { 'mcp-protocol-version': '1999-01-01' },
      });
      expect(response.status).toBe(400);
      const [message] = await messagesOf(response);
      expect(message?.error?.message).toMatch(/1999-01-01/);
    });

    it('accepts a POST of notifications only with 202 and no body', async () => {
      const response = await postRpc(
        url,
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { token: tokens.alice },
      );
      expect(response.status).toBe(202);
      expect(await response.text()).toBe('');
    });
  });

  describe('methods and paths', () => {
    it('answers GET and DELETE on a stateless endpoint with 405 and Allow: POST', async () => {
      for (const method of ['GET', 'DELETE']) {
        const response = await fetch(url, {
          method,
          headers: { authorization: `Bearer ${tokens.alice}`, accept: 'text/event-stream' },
        });
        expect(response.status, method).toBe(405);
        expect(response.headers.get('allow'), method).toBe('POST');
      }
    });

    it('answers other methods with 405', async () => {
      const response = await fetch(url, {
        method: 'PUT',
        headers: { authorization: `Bearer ${tokens.alice}` },
      });
      expect(response.status).toBe(405);
    });

    it('serves the endpoint with or without a trailing slash', async () => {
      const response = await postRpc(`${url}/`, list, { token: tokens.alice });
      expect(response.status).toBe(200);
    });

    it('answers an unknown path with 404 naming the endpoints', async () => {
      const response = await fetch(`${f.t.url}/mcp/nowhere`, { method: 'POST' });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('/mcp/desk');
    });

    it('answers /healthz with 200', async () => {
      const response = await fetch(`${f.t.url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });

    it('answers /readyz with 200 and each check while serving', async () => {
      const response = await fetch(`${f.t.url}/readyz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ready',
        checks: { database: { ok: true } },
      });
    });
  });
});
