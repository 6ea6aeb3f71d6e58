import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, startTestServer, type TestServer } from '../../../core/index.js';
import { readinessCheckTimeoutMs } from '../../../core/http/create-app.js';

describe('/readyz when a check does not answer (a frozen database, a stuck remote)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [
        definePlugin({
          id: 'stuck',
          version: '1.0.0',
          setup: (ctx) => {
            ctx.addReadinessCheck('never', () => new Promise(() => undefined));
            ctx.addReadinessCheck('also-never', () => new Promise(() => undefined));
          },
        }),
      ],
      collections: [],
    });
  });
  afterAll(() => t.close());

  it('answers 503 within its own deadline, naming the check that did not answer', async () => {
    const started = performance.now();
    const response = await fetch(`${t.url}/readyz`);
    const elapsed = performance.now() - started;
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'not_ready',
      checks: {
        database: { ok: true },
        'stuck:never': { ok: false, detail: `no answer within ${readinessCheckTimeoutMs} ms` },
        'stuck:also-never': { ok: false },
      },
    });
    // The checks run side by side: two stuck checks cost one deadline, not two.
    expect(elapsed).toBeLessThan(2 * readinessCheckTimeoutMs);
  });
});
