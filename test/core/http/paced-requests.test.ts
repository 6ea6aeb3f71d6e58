import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
