import Sqlite from 'better-sqlite3';
import { connect, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { RawConnection, type RawHttpResponse } from '../../helpers/raw-connection.js';
import { startFixtureServer, tokens } from '../mcp/support/fixture-server.js';
import { patience } from '../mcp/support/raw-http.js';

interface PartialRequest {
  /** Sends the rest of the request and reads the whole response. */
  finish(): Promise<{ status: number; body: string }>;
}

/**
 * Opens a connection and sends only the request line and Host header. Node counts such a
 * connection as busy, so it survives the start of shutdown and the request's end arrives after
 * the server began closing — the one way a test can send a "new request during shutdown".
 */
async function startPartialRequest(
  url: string,
  request: { method: string; headers?: Record<string, string>; body?: string },
): Promise<PartialRequest> {
  const target = new URL(url);
  const socket: Socket = connect(Number(target.port), target.hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(`${request.method} ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n`);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    async finish() {
      const body = request.body ?? '';
      const headers = {
        ...request.headers,
        connection: 'close',
        'content-length': String(Buffer.byteLength(body)),
      };
      socket.write(
        Object.entries(headers)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join('') + `\r\n${body}`,
      );
      await ended;
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      return { status, body: text.slice(text.indexOf('\r\n\r\n') + 4) };
    },
  };
}

describe('graceful shutdown', () => {
  it('finishes a call in flight, refuses new requests with 503 and fails readiness', async () => {
    const { t, probe } = await startFixtureServer();
    const client = await t.connect('desk', tokens.bob);
    const url = t.urlOf('desk');
    const lateCall = await startPartialRequest(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.bob}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    const lateReadiness = await startPartialRequest(`${t.url}/readyz`, { method: 'GET' });

    const call = client.callTool({ name: 'slow', arguments: { key: 'in-flight' } });
    await vi.waitFor(() => expect(probe.started).toContain('in-flight'), patience);
    const closing = t.server.close();

    const readiness = await lateReadiness.finish();
    expect(readiness.status).toBe(503);
    expect(JSON.parse(readiness.body)).toMatchObject({ status: 'shutting_down' });
    const refused = await lateCall.finish();
    expect(refused.status).toBe(503);
    expect(refused.body).toMatch(/SERVER_SHUTTING_DOWN/);

    expect(probe.finished).not.toContain('in-flight');
    probe.release('in-flight');
    const result = await call;
    expect(result.content).toEqual([{ type: 'text', text: 'done in-flight' }]);
    await closing;
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
    await t.close();
  });

  it('delivers the results of several calls in flight on several connections', async () => {
    const { t, probe } = await startFixtureServer();
    const clients = await Promise.all([
      t.connect('desk', tokens.bob),
      t.connect('desk', tokens.alice),
      t.connect('session', tokens.bob),
    ]);
    const keys = clients.map((_, i) => `many-${i}`);
    const calls = clients.map((client, i) =>
      client.callTool({ name: 'slow', arguments: { key: keys[i] } }),
    );
    await vi.waitFor(() => expect([...probe.started].sort()).toEqual(keys), patience);
    const closing = t.server.close();
    for (const key of keys) probe.release(key);
    const results = await Promise.all(calls);
    expect(results.map((r) => r.content)).toEqual(
      keys.map((key) => [{ type: 'text', text: `done ${key}` }]),
    );
    await closing;
    await t.close();
  });

  it('answers calls still running at the shutdown timeout with TOOL_CANCELLED, audited as cancelled', async () => {
    const { t, probe } = await startFixtureServer({ http: { shutdownTimeoutMs: 300 } });
    const desk = await t.connect('desk', tokens.bob);
    const session = await t.connect('session', tokens.bob);
    // wait_for_abort stops when its signal fires; slow ignores its signal and never finishes.
    const calls = [
      desk.callTool({ name: 'wait_for_abort', arguments: { key: 'desk-abort' } }),
      desk.callTool({ name: 'slow', arguments: { key: 'desk-never' } }),
      session.callTool({ name: 'wait_for_abort', arguments: { key: 'session-abort' } }),
      session.callTool({ name: 'slow', arguments: { key: 'session-never' } }),
    ];
    const keys = ['desk-abort', 'desk-never', 'session-abort', 'session-never'];
    await vi.waitFor(() => expect([...probe.started].sort()).toEqual(keys), patience);
    await t.server.close();
    const results = await Promise.all(
      calls.map((call) =>
        Promise.race([
          call.catch((error: Error) => `rejected: ${error.message}`),
          delay(5_000, 'no answer within 5 s'),
        ]),
      ),
    );
    expect(results).toEqual(
      ['wait_for_abort', 'slow', 'wait_for_abort', 'slow'].map((name) => ({
        content: [{ type: 'text', text: `Tool ${name} was cancelled.` }],
        isError: true,
      })),
    );
    expect([...probe.aborted].sort()).toEqual(['desk-abort', 'session-abort']);
    const audit = new Sqlite(t.server.settings.storage.url, { readonly: true });
    try {
      const rows = audit
        .prepare('select tool, outcome, error_code from sdm_audit order by tool')
        .all() as { tool: string; outcome: string; error_code: string }[];
      expect(rows.map((r) => [r.tool, r.outcome, r.error_code])).toEqual([
        ['slow', 'cancelled', 'TOOL_CANCELLED'],
        ['slow', 'cancelled', 'TOOL_CANCELLED'],
        ['wait_for_abort', 'cancelled', 'TOOL_CANCELLED'],
        ['wait_for_abort', 'cancelled', 'TOOL_CANCELLED'],
      ]);
    } finally {
      audit.close();
    }
    await t.close();
  });

  it('answers a request sent on an idle keep-alive connection just after close() with 503, not a reset', async () => {
    const { t } = await startFixtureServer({ http: { shutdownIdleGraceMs: 500 } });
    const request = {
      method: 'POST',
      path: new URL(t.urlOf('desk')).pathname,
      headers: {
        authorization: `Bearer ${tokens.bob}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    };
    const connections = await Promise.all(
      Array.from({ length: 12 }, () => RawConnection.open(t.url)),
    );
    for (const connection of connections) {
      connection.send(request);
      expect((await connection.response()).status).toBe(200);
    }
    const closing = t.server.close();
    // Spread over the first ~30 ms of shutdown, where an idle connection used to be reset.
    const answers = await Promise.all(
      connections.map(async (connection, i) => {
        await delay(i * 3);
        connection.send(request);
        const answer = await connection.response().catch((error: Error) => error.message);
        await connection.closed;
        return answer;
      }),
    );
    expect(answers.map((a) => (typeof a === 'string' ? a : a.status))).toEqual(
      connections.map(() => 503),
    );
    for (const answer of answers as RawHttpResponse[]) {
      expect(answer.headers['connection']).toBe('close');
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.body).toMatch(/SERVER_SHUTTING_DOWN/);
    }
    await closing;
    await t.close();
  });

  it('can be asked to close twice (SIGINT then SIGTERM)', async () => {
    const { t } = await startFixtureServer();
    await Promise.all([t.server.close(), t.server.close()]);
    await expect(t.close()).resolves.toBeUndefined();
  });
});
