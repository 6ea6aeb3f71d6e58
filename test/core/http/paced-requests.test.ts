import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pacedRequests } from '../../../core/http/paced-requests.js';
import { RawConnection } from '../../helpers/raw-connection.js';
import { startFixtureServer, tokens, type FixtureServer } from '../mcp/support/fixture-server.js';
import { callBody, patience } from '../mcp/support/raw-http.js';

function slowCall(path: string, key: string): Parameters<RawConnection['send']>[0] {
  return {
    method: 'POST',
    path,
    headers: {
      authorization: `Bearer ${tokens.bob}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify(callBody(key, 'slow', { key })),
  };
}

describe('pipelined requests on one connection', () => {
  let fixture: FixtureServer | undefined;

  afterEach(async () => {
    for (const key of ['p1', 'p2', 'p3', 'q1', 'q2', 'q3', 'q4', 'q5']) fixture?.probe.release(key);
    await fixture?.t.close();
    fixture = undefined;
  });

  it('are handed to the app one at a time, each after the answer before it, in order', async () => {
    fixture = await startFixtureServer();
    const { t, probe } = fixture;
    const path = new URL(t.urlOf('desk')).pathname;
    const connection = await RawConnection.open(t.url);
    for (const key of ['p1', 'p2', 'p3']) connection.send(slowCall(path, key));
    await vi.waitFor(() => expect([...probe.started]).toEqual(['p1']), patience);
    // Long enough for the server to have read all three; only the first may have started.
    await delay(200);
    expect([...probe.started]).toEqual(['p1']);
    for (const [i, key] of ['p1', 'p2', 'p3'].entries()) {
      probe.release(key);
      const answer = await connection.response();
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({
        id: key,
        result: { content: [{ type: 'text', text: `done ${key}` }] },
      });
      const next = ['p1', 'p2', 'p3'].slice(0, i + 2);
      await vi.waitFor(() => expect([...probe.started]).toEqual(next), patience);
    }
    connection.destroy();
  });

  it('beyond http.maxPipelinedRequests are refused with 503 and the connection closed', async () => {
    fixture = await startFixtureServer({ http: { maxPipelinedRequests: 2 } });
    const { t, probe } = fixture;
    const path = new URL(t.urlOf('desk')).pathname;
    const connection = await RawConnection.open(t.url);
    for (const key of ['q1', 'q2', 'q3', 'q4', 'q5']) connection.send(slowCall(path, key));
    await vi.waitFor(() => expect([...probe.started]).toEqual(['q1']), patience);
    for (const key of ['q1', 'q2', 'q3']) {
      probe.release(key);
      expect(await connection.response()).toMatchObject({ status: 200 });
    }
    const refused = await connection.response();
    expect(refused).toMatchObject({
      status: 503,
      headers: { connection: 'close', 'retry-after': '1' },
    });
    expect(refused.body).toMatch(/HTTP_PIPELINE_FULL: more than 2 requests were pipelined/);
    await connection.closed;
    expect([...probe.started]).toEqual(['q1', 'q2', 'q3']);
  });
});

describe('pipelines of several connections', () => {
  let server: Server | undefined;

  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('take turns with other connections instead of running one pipeline to its end', async () => {
    // An app that answers at once: each answer's close would start the next turn straight away.
    const handled: string[] = [];
    const paced = pacedRequests(
      (req, res) => {
        handled.push(req.url!);
        res.end('ok');
      },
      { maxQueued: 16, refuse: (_req, res) => res.writeHead(503).end() },
    );
    server = createServer(paced);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const [flooding, polite] = await Promise.all([
      RawConnection.open(url),
      RawConnection.open(url),
    ]);
    for (let i = 1; i <= 10; i++) flooding.send({ method: 'GET', path: `/flood/${i}` });
    polite.send({ method: 'GET', path: '/polite' });

    expect((await polite.response()).status).toBe(200);
    for (let i = 1; i <= 10; i++) expect((await flooding.response()).status).toBe(200);
    // Both requests were readable together: the polite one goes before the flood's third.
    expect(handled.indexOf('/polite')).toBeLessThan(3);
    expect(handled.filter((path) => path.startsWith('/flood/'))).toEqual(
      Array.from({ length: 10 }, (_, i) => `/flood/${i + 1}`),
    );
    flooding.destroy();
    polite.destroy();
  });
});
